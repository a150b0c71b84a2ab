using Chat.Contracts;
using Chat.Server.Webhooks;
using Npgsql;

namespace Chat.Server.Conversations;

/// <summary>
/// PostgreSQL: a batch is one round trip of prepared statements in one implicit transaction. The first locks the batch's
/// conversations in id order (writers on several nodes never deadlock); the second advances each conversation's sequence
/// with <c>UPDATE … RETURNING</c> and inserts the new messages from arrays (<c>unnest</c>) after those numbers. It does not
/// look for client ids stored before: a retried one breaks the unique index, the whole batch rolls back, and it is stored
/// again on the careful path, where a look-up between the two finds the earlier copies and the insert leaves them out
/// (its snapshot starts after the locks are held). The hot path so reads no message at all, so no plan that PostgreSQL
/// cached while the table was small (a scan of all messages) can make it slower as the table grows. The same statement
/// marks the queued items of the conversations an agent wrote in answered, and, while webhooks are followed, writes each
/// message's event (and a first reply's assignment) to their outbox.
/// </summary>
public sealed class PostgresMessageLog(NpgsqlDataSource dataSource, WebhookOutbox outbox) : IMessageLog
{
    private const string LockSql = """SELECT 1 FROM "Conversations" WHERE "Id" = ANY($1) ORDER BY "Id" FOR UPDATE""";

    private const string EarlierSql = """
        SELECT i.ord, m."Id", m."Sequence", m."Sender", m."SenderName", m."Text", m."SentAt", m."Attachments"
        FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS i(conv, client, ord)
        JOIN "Messages" m ON m."ConversationId" = i.conv AND m."ClientMessageId" = i.client
        """;

    private const string AppendTemplate = $$"""
        WITH input AS (
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::bool[])
                AS i(conv, client, ord, id, sender, sender_id, sender_name, body, attachments, preview, topic, claim)
        ),
        fresh AS (
            SELECT i.*, c."AssignedTo" IS NULL AS untaken, row_number() OVER (PARTITION BY i.conv ORDER BY i.ord) AS n
            FROM input i JOIN "Conversations" c ON c."Id" = i.conv
            /* earlier copies */),
        counts AS (
            SELECT conv, count(*) AS k, bool_and(untaken) AS untaken,
                (array_agg(preview ORDER BY ord DESC) FILTER (WHERE preview IS NOT NULL))[1] AS preview,
                (array_agg(topic ORDER BY ord DESC) FILTER (WHERE topic IS NOT NULL))[1] AS topic,
                (array_agg(sender_id ORDER BY ord) FILTER (WHERE claim))[1] AS claimant
            FROM fresh GROUP BY conv
        ),
        upd AS (
            UPDATE "Conversations" c SET "LastSequence" = c."LastSequence" + counts.k, "UpdatedAt" = $13, "Status" = 'Open',
                "LastText" = COALESCE(counts.preview, c."LastText"), "Topic" = COALESCE(counts.topic, c."Topic"), "AssignedTo" = COALESCE(c."AssignedTo", counts.claimant)
            FROM counts WHERE c."Id" = counts.conv
            RETURNING c."Id", c."LastSequence" - counts.k AS base, c."VisitorName", c."Status", c."LastSequence", c."LastText",
                c."UpdatedAt", c."AssignedTo", c."Department", c."Topic", counts.untaken AND counts.claimant IS NOT NULL AS taken, c."Channel"
        ),
        answered AS (
            UPDATE "OfflineItem" o SET "AnsweredAt" = $13
            WHERE o."ConversationId" IN (SELECT f.conv FROM fresh f WHERE f.sender = '{{nameof(SenderKind.Agent)}}') AND o."AnsweredAt" IS NULL
        ),
        ins AS (
            INSERT INTO "Messages" ("Id", "ConversationId", "Sequence", "ClientMessageId", "Sender", "SenderId", "SenderName", "Text", "SentAt", "Attachments")
            SELECT f.id, f.conv, u.base + f.n, f.client, f.sender, f.sender_id, f.sender_name, f.body, $13, f.attachments
            FROM fresh f JOIN upd u ON u."Id" = f.conv
        ),
        events AS (
            INSERT INTO "WebhookEvents" ("Id", "Type", "ConversationId", "MessageSequence", "Data", "OccurredAt")
            SELECT gen_random_uuid(), e.type, e.conv, e.seq, e.data, $13 FROM (
                SELECT u."Id" AS conv, 0 AS k, 0::bigint AS n, '{{WebhookEvents.ConversationAssigned}}' AS type, NULL::bigint AS seq,
                    json_build_object('assignedTo', u."AssignedTo", 'reason', '{{AssignmentReasons.FirstReply}}')::text AS data
                FROM upd u WHERE $14 AND u.taken
                UNION ALL
                SELECT f.conv, 1, f.n, '{{WebhookEvents.MessageStored}}', u.base + f.n, NULL FROM fresh f JOIN upd u ON u."Id" = f.conv WHERE $15
            ) e ORDER BY e.conv, e.k, e.n
        )
        SELECT f.ord, u.base + f.n, u."VisitorName", u."Status", u."LastSequence", u."LastText", u."UpdatedAt", u."AssignedTo",
            u."Department", u."Topic", u.taken, u."Channel"
        FROM fresh f JOIN upd u ON u."Id" = f.conv
        """;

    private const string AppendSql = AppendTemplate;

    private static readonly string AppendCarefullySql = AppendTemplate.Replace(
        "/* earlier copies */",
        """WHERE NOT EXISTS (SELECT 1 FROM "Messages" m WHERE m."ConversationId" = i.conv AND m."ClientMessageId" = i.client)""",
        StringComparison.Ordinal);

    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageAppend> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (unique, firstOf) = MessageBatch.Deduplicate(batch);
        AppendOutcome[] outcomes;
        try
        {
            outcomes = await StoreAsync(unique, now.ToUniversalTime(), carefully: false, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            outcomes = await StoreAsync(unique, now.ToUniversalTime(), carefully: true, cancellationToken);
        }

        return MessageBatch.Expand(outcomes, firstOf);
    }

    private async Task<AppendOutcome[]> StoreAsync(List<MessageAppend> unique, DateTimeOffset at, bool carefully, CancellationToken cancellationToken)
    {
        var outcomes = new AppendOutcome[unique.Count];
        var ids = new Guid[unique.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Guid.CreateVersion7(at);
        }

        var conversations = unique.Select(a => a.ConversationId).ToArray();
        var clients = unique.Select(a => a.ClientMessageId).ToArray();
        var order = Enumerable.Range(0, unique.Count).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var commands = new NpgsqlBatch(connection) { BatchCommands = { Command(LockSql, conversations.Distinct().Order().ToArray()) } };
        if (carefully)
        {
            commands.BatchCommands.Add(Command(EarlierSql, conversations, clients, order));
        }

        commands.BatchCommands.Add(Command(
            carefully ? AppendCarefullySql : AppendSql,
            conversations,
            clients,
            order,
            ids,
            unique.Select(a => a.Sender.Kind.ToString()).ToArray(),
            unique.Select(a => a.Sender.Id).ToArray(),
            unique.Select(a => a.Sender.Name).ToArray(),
            unique.Select(a => a.Text).ToArray(),
            unique.Select(a => MessageBatch.AttachmentsJson(a.Attachments)).ToArray(),
            unique.Select(a => a.Preview).ToArray(),
            unique.Select(a => a.Topic).ToArray(),
            unique.Select(a => a.TakesConversation).ToArray(),
            at,
            outbox.Wants(WebhookEvents.ConversationAssigned),
            outbox.Wants(WebhookEvents.MessageStored)));
        await commands.PrepareAsync(cancellationToken);
        await using var reader = await commands.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        if (carefully)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var ord = reader.GetInt32(0);
                var append = unique[ord];
                outcomes[ord] = AppendOutcome.Earlier(new ChatMessage(
                    append.ConversationId,
                    reader.GetInt64(2),
                    reader.GetGuid(1),
                    append.ClientMessageId,
                    Enum.Parse<SenderKind>(reader.GetString(3)),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    MessageBatch.Attachments(reader.IsDBNull(7) ? null : reader.GetString(7))));
            }

            await reader.NextResultAsync(cancellationToken);
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            var ord = reader.GetInt32(0);
            var append = unique[ord];
            var summary = new ConversationSummary(
                append.ConversationId,
                reader.GetString(2),
                Enum.Parse<ConversationStatus>(reader.GetString(3)),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetString(11));
            outcomes[ord] = new AppendOutcome(MessageBatch.Stored(append, ids[ord], reader.GetInt64(1), at), summary, false, reader.GetBoolean(10));
        }

        return outcomes;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
