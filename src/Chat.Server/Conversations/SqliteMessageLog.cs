using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Webhooks;
using Microsoft.Data.Sqlite;
using Chat.Server.Storage;

namespace Chat.Server.Conversations;

/// <summary>
/// SQLite, the embedded default: a batch is one write transaction (BEGIN IMMEDIATE takes the database's write lock, so
/// writers never hand out the same sequence number) of prepared statements, run once per message. Values are written as
/// EF Core maps them: ids as upper-case text, times as <see cref="UtcTicksConverter"/> numbers, enums as names.
/// An agent's message marks its conversation's queued items answered, and while webhooks are followed, each message's event
/// (and a first reply's assignment) goes to their outbox, in the same transaction.
/// </summary>
public sealed class SqliteMessageLog(string connectionString, WebhookOutbox outbox) : IMessageLog
{
    private const string EarlierSql = """
        SELECT "Id", "Sequence", "Sender", "SenderName", "Text", "SentAt", "Attachments" FROM "Messages"
        WHERE "ConversationId" = $conv AND "ClientMessageId" = $client
        """;

    private const string TakenSql = """SELECT "AssignedTo" IS NULL FROM "Conversations" WHERE "Id" = $conv""";

    private const string AdvanceSql = """
        UPDATE "Conversations" SET "LastSequence" = "LastSequence" + 1, "UpdatedAt" = $now, "Status" = 'Open', "LastText" = COALESCE($preview, "LastText"),
            "Topic" = COALESCE($topic, "Topic"), "AssignedTo" = COALESCE("AssignedTo", $claimant)
        WHERE "Id" = $conv
        RETURNING "LastSequence", "VisitorName", "Status", "LastText", "UpdatedAt", "AssignedTo", "Department", "Topic", "Channel"
        """;

    private const string InsertSql = """
        INSERT INTO "Messages" ("Id", "ConversationId", "Sequence", "ClientMessageId", "Sender", "SenderId", "SenderName", "Text", "SentAt", "Attachments")
        VALUES ($id, $conv, $sequence, $client, $sender, $senderId, $senderName, $text, $now, $attachments)
        """;

    private const string AnsweredSql = """UPDATE "OfflineItem" SET "AnsweredAt" = $now WHERE "ConversationId" = $conv AND "AnsweredAt" IS NULL""";

    private const string EventSql = """
        INSERT INTO "WebhookEvents" ("Id", "TransactionId", "Type", "ConversationId", "MessageSequence", "Data", "OccurredAt")
        VALUES ($id, 0, $type, $conv, $sequence, $data, $now)
        """;

    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageAppend> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (unique, firstOf) = MessageBatch.Deduplicate(batch);
        var outcomes = new AppendOutcome[unique.Count];
        var stamp = UtcTicksConverter.ToLong(now);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var earlier = Prepare(connection, transaction, EarlierSql, "$conv", "$client");
        await using var taken = Prepare(connection, transaction, TakenSql, "$conv");
        await using var advance = Prepare(connection, transaction, AdvanceSql, "$conv", "$now", "$preview", "$topic", "$claimant");
        await using var insert = Prepare(connection, transaction, InsertSql, "$id", "$conv", "$sequence", "$client", "$sender", "$senderId", "$senderName", "$text", "$now", "$attachments");
        await using var answered = Prepare(connection, transaction, AnsweredSql, "$now", "$conv");
        var (assignments, messages) = (outbox.Wants(WebhookEvents.ConversationAssigned), outbox.Wants(WebhookEvents.MessageStored));
        await using var recordEvent = assignments || messages ? Prepare(connection, transaction, EventSql, "$id", "$type", "$conv", "$sequence", "$data", "$now") : null;

        var summaries = new Dictionary<Guid, ConversationSummary>();
        var newlyTaken = new HashSet<Guid>();
        var answeredIn = new HashSet<Guid>();
        for (var i = 0; i < unique.Count; i++)
        {
            var append = unique[i];
            var conversation = Id(append.ConversationId);
            Bind(earlier, conversation, Id(append.ClientMessageId));
            await using (var reader = await earlier.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    outcomes[i] = AppendOutcome.Earlier(new ChatMessage(
                        append.ConversationId,
                        reader.GetInt64(1),
                        Guid.Parse(reader.GetString(0)),
                        append.ClientMessageId,
                        Enum.Parse<SenderKind>(reader.GetString(2)),
                        reader.GetString(3),
                        reader.GetString(4),
                        UtcTicksConverter.ToTime(reader.GetInt64(5)),
                        MessageBatch.Attachments(reader.IsDBNull(6) ? null : reader.GetString(6))));
                    continue;
                }
            }

            Bind(taken, conversation);
            if (await taken.ExecuteScalarAsync(cancellationToken) is not long untaken)
            {
                outcomes[i] = AppendOutcome.NotFound;
                continue;
            }

            var claimant = append.TakesConversation ? append.Sender.Id : null;
            Bind(advance, conversation, stamp, append.Preview, append.Topic, claimant);
            long sequence;
            await using (var reader = await advance.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                sequence = reader.GetInt64(0);
                summaries[append.ConversationId] = new ConversationSummary(
                    append.ConversationId,
                    reader.GetString(1),
                    Enum.Parse<ConversationStatus>(reader.GetString(2)),
                    sequence,
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    UtcTicksConverter.ToTime(reader.GetInt64(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetString(8));
            }

            if (untaken == 1 && claimant is not null)
            {
                newlyTaken.Add(append.ConversationId);
                if (assignments && recordEvent is not null)
                {
                    Bind(recordEvent, Id(Guid.CreateVersion7(now)), WebhookEvents.ConversationAssigned, conversation, null,
                        JsonSerializer.Serialize(new { assignedTo = claimant, reason = AssignmentReasons.FirstReply }), stamp);
                    await recordEvent.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            var id = Guid.CreateVersion7(now);
            Bind(insert, Id(id), conversation, sequence, Id(append.ClientMessageId), append.Sender.Kind.ToString(), append.Sender.Id,
                append.Sender.Name, append.Text, stamp, MessageBatch.AttachmentsJson(append.Attachments));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (messages && recordEvent is not null)
            {
                Bind(recordEvent, Id(Guid.CreateVersion7(now)), WebhookEvents.MessageStored, conversation, sequence, null, stamp);
                await recordEvent.ExecuteNonQueryAsync(cancellationToken);
            }

            if (append.Sender.Kind == SenderKind.Agent && answeredIn.Add(append.ConversationId))
            {
                Bind(answered, stamp, conversation);
                await answered.ExecuteNonQueryAsync(cancellationToken);
            }

            outcomes[i] = new AppendOutcome(MessageBatch.Stored(append, id, sequence, now), null, false, false);
        }

        await transaction.CommitAsync(cancellationToken);

        // Every message of a conversation carries its inbox line as it stands after the whole batch.
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i] is { Duplicate: false, Message: { } message })
            {
                outcomes[i] = outcomes[i] with { Conversation = summaries[message.ConversationId], NewlyAssigned = newlyTaken.Contains(message.ConversationId) };
            }
        }

        return MessageBatch.Expand(outcomes, firstOf);
    }

    /// <summary>Ids as EF Core's SQLite provider writes them.</summary>
    private static string Id(Guid id) => id.ToString().ToUpperInvariant();

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
