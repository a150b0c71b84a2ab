-- One year of supervisors' data for the reports scenario of bench/run.sh, into a database the Chat server has migrated:
--   psql -v conversations=50000 -v per=20 -f bench/reports-seed.sql
-- :conversations conversations on the working days of 2026 (Monday to Friday), begun in office hours (09:00–19:00
-- Moscow, 06:00–16:00 UTC), each with :per messages (a visitor's first, a system line, then agent and visitor in turn).
-- Every value is derived from the conversation's number, so two runs seed the same data.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE days ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY d) - 1 AS n, d::date AS day
FROM generate_series('2026-01-01'::date, '2026-12-31'::date, interval '1 day') AS d
WHERE extract(isodow FROM d) < 6;

-- One row per conversation: who took it (every 29th nobody), when it began, how long the first answer took.
CREATE TEMP TABLE plan ON COMMIT DROP AS
SELECT i,
       md5('conversation' || i)::uuid AS id,
       (days.day + time '06:00' + (i * 7919 % 600) * interval '1 minute') AT TIME ZONE 'UTC' AS created_at,
       CASE WHEN i % 29 = 0 THEN NULL ELSE (ARRAY['cc.ivanova', 'm.petrov', 'm.smirnova', 'cc.ivanova', 'm.petrov'])[1 + i % 5] END AS agent,
       (i * 31 % 45) * interval '1 minute' + (i % 60) * interval '1 second' AS first_wait,
       i % 5 <> 0 AND i % 29 <> 0 AS closed,
       CASE WHEN i % 3 <> 0 THEN 'Компания ' || (i * 13 % 250) END AS company
FROM generate_series(1, :conversations) AS i
JOIN days ON days.n = i % (SELECT count(*) FROM days);

INSERT INTO "Conversations" ("Id", "VisitorId", "VisitorName", "Language", "Status", "LastSequence", "LastText", "AssignedTo",
  "Department", "CreatedAt", "UpdatedAt", "ClosedAt", "HandlingSeconds", "PreparationMinutes", "Company",
  "VisitorReadSequence", "AgentReadSequence", "Topic")
SELECT id, md5('visitor' || i)::uuid, 'Посетитель ' || i, CASE WHEN i % 7 = 0 THEN 'en' ELSE 'ru' END,
       CASE WHEN closed THEN 'Closed' ELSE 'Open' END, :per, 'Спасибо, всё понятно', agent,
       CASE WHEN i % 11 = 0 THEN 'sales' END, created_at, created_at + first_wait + :per * interval '45 seconds',
       CASE WHEN closed THEN created_at + first_wait + :per * interval '45 seconds' + interval '5 minutes' END,
       CASE WHEN closed THEN 120 + i * 17 % 1500 ELSE 0 END, CASE WHEN closed THEN i % 16 ELSE 0 END,
       CASE WHEN closed THEN company END, :per, :per, CASE WHEN i % 4 = 0 THEN 'tariffs' END
FROM plan;

INSERT INTO "Messages" ("Id", "ConversationId", "Sequence", "ClientMessageId", "Sender", "SenderId", "SenderName", "Text", "SentAt", "Attachments")
SELECT md5('message' || i || '/' || s)::uuid, id, s, md5('client' || i || '/' || s)::uuid, sender,
       CASE sender WHEN 'Visitor' THEN 'visitor' WHEN 'Agent' THEN agent ELSE 'system' END,
       CASE sender WHEN 'Visitor' THEN 'Посетитель ' || i WHEN 'Agent' THEN agent ELSE 'Чат' END,
       CASE sender WHEN 'Visitor' THEN 'Здравствуйте, подскажите, пожалуйста, по тарифу и оплате — номер ' || s
                   WHEN 'Agent' THEN 'Добрый день! Сейчас посмотрю и отвечу, одну минуту.' ELSE 'Консультант подключился к разговору' END,
       created_at + CASE WHEN s >= 3 THEN first_wait ELSE interval '0' END + (s - 1) * interval '45 seconds', NULL
FROM plan
CROSS JOIN generate_series(1, :per) AS s
CROSS JOIN LATERAL (SELECT CASE WHEN s = 2 THEN 'System' WHEN s % 2 = 1 OR agent IS NULL THEN 'Visitor' ELSE 'Agent' END AS sender) AS m;

-- Every tenth conversation was handed off: to a manager, or (every third of those) to the sales pool; statuses in turn.
INSERT INTO "Handoffs" ("Id", "ConversationId", "Kind", "Status", "ClientRequestId", "DataKey", "Language", "Verified", "IdentityVerified",
  "AccountGiven", "AccountId", "AccountName", "Company", "Tariff", "AssignedLogin", "PoolDepartment", "Phone", "Email",
  "PreferredChannel", "Topic", "ContactOnFile", "CallBackFrom", "CallBackTo", "HandedOffBy", "ContactedBy", "TranscriptUpTo",
  "CreatedAt", "UpdatedAt")
SELECT md5('handoff' || i)::uuid, id, CASE WHEN i % 3 = 0 THEN 'AgentInitiated' ELSE 'Identification' END,
       (ARRAY['Relayed', 'Delivered', 'Read', 'Accepted', 'Contacted', 'Contacted'])[1 + i / 10 % 6], md5('request' || i)::uuid,
       md5('data' || i), 'ru', i % 4 <> 0, false, 'Компания ' || (i * 13 % 250), (10000 + i % 250)::text,
       'Компания ' || (i * 13 % 250), 'Компания ' || (i * 13 % 250), 'Бизнес',
       CASE WHEN i % 3 = 0 THEN NULL WHEN i % 2 = 0 THEN 'm.petrov' ELSE 'm.smirnova' END, CASE WHEN i % 3 = 0 THEN 'sales' END,
       '+7 916 000-00-00', NULL, 'Phone', NULL, true, NULL, NULL, CASE WHEN i % 3 = 0 THEN agent END,
       CASE WHEN (1 + i / 10 % 6) >= 5 THEN 'Phone' END, 4, created_at + interval '3 minutes',
       created_at + interval '3 minutes' + (i * 37 % 300) * interval '1 minute'
FROM plan
WHERE i % 10 = 0;

-- Written requests: every 20th conversation left a queued message to its manager, every 20th (others) is an offline
-- form to the call centre; due at 19:00 Moscow the same day; answered early, late, told "longer work", or not at all.
INSERT INTO "OfflineItem" ("Id", "Kind", "TargetKind", "Target", "ConversationId", "SourceMessageId", "Payload", "CreatedAt", "DueAt",
  "State", "DeliveredTo", "DeliveredAt", "Attempts", "AcknowledgedAt", "AnsweredAt", "NoticeSentAt", "EscalatedAt")
SELECT md5('item' || i)::uuid, kind, target_kind, target, id, NULL, '{}', created_at, due_at,
       'Acknowledged', COALESCE(agent, 'cc.ivanova'), created_at + interval '1 minute', 1, created_at + interval '2 minutes',
       CASE i / 20 % 4 WHEN 0 THEN created_at + interval '40 minutes' WHEN 1 THEN due_at + interval '15 hours' END,
       CASE WHEN i / 20 % 4 = 2 THEN created_at + interval '1 hour' END, NULL
FROM (
  SELECT plan.*, (created_at::date + time '16:00') AT TIME ZONE 'UTC' AS due_at,
         CASE WHEN i % 40 = 0 THEN 'offline-request' ELSE 'visitor-message' END AS kind,
         CASE WHEN i % 40 = 0 OR agent IS NULL THEN 'Pool' ELSE 'Staff' END AS target_kind,
         CASE WHEN i % 40 = 0 OR agent IS NULL THEN 'call-centre' ELSE agent END AS target
  FROM plan
  WHERE i % 20 = 0
) AS items;

-- A third of the closed conversations were rated.
INSERT INTO "Ratings" ("ConversationId", "Score", "Comment", "RatedAt", "AgentLogin")
SELECT id, 1 + i / 3 % 5, CASE WHEN i % 9 = 0 THEN 'Спасибо!' END,
       created_at + first_wait + :per * interval '45 seconds' + interval '6 minutes', agent
FROM plan
WHERE closed AND i % 3 = 1;

COMMIT;
ANALYZE;
