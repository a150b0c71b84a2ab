using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Webhooks;
using Microsoft.Data.Sqlite;
using Chat.Server.Storage;

namespace Chat.Server.Conversations;

/// <summary>
/// SQLite, the embedded default: a batch is one write transaction (BEGIN IMMEDIATE takes the database's write lock, so
/// writers never hand out the same sequence number) of prepared statements, run once per message. The log keeps one
/// connection of its own, with its statements prepared once and a page cache that holds the index leaves being written.
/// Values are written as EF Core maps them: ids as upper-case text, times as <see cref="UtcTicksConverter"/> numbers,
/// enums as names. An agent's message marks its conversation's queued items answered, and while webhooks are followed,
/// each message's event (and a first reply's assignment) goes to their outbox, in the same transaction.
/// </summary>
public sealed class SqliteMessageLog(string connectionString, WebhookOutbox outbox) : IMessageLog, IAsyncDisposable
{
    /// <summary>The conversation, whether anybody has taken it, and the message stored before under the same client id, if any.</summary>
    private const string ProbeSql = """
        SELECT c."AssignedTo" IS NULL, m."Id", m."Sequence", m."Sender", m."SenderName", m."Text", m."SentAt", m."Attachments"
        FROM "Conversations" AS c LEFT JOIN "Messages" AS m ON m."ConversationId" = c."Id" AND m."ClientMessageId" = $client
        WHERE c."Id" = $conv
        """;

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

    /// <summary>
    /// The page cache of the log's connection. SQLite's default of 2 MiB does not hold the index leaves that a relay of 100
    /// conversations writes to (the client-id index takes each message at a random place in its conversation's range):
    /// with it, ~50 pages per batch were read back from the file; with this, none.
    /// </summary>
    private const int CacheKibibytes = 64 * 1024;

    private readonly SemaphoreSlim writing = new(1, 1);
    private Statements? statements;

    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageAppend> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            statements ??= await Statements.OpenAsync(connectionString, cancellationToken);
            return await AppendAsync(statements, batch, now, cancellationToken);
        }
        catch
        {
            // Whatever broke, the next batch starts on a fresh connection.
            await DisposeStatementsAsync();
            throw;
        }
        finally
        {
            writing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await writing.WaitAsync();
        try
        {
            await DisposeStatementsAsync();
        }
        finally
        {
            writing.Release();
        }
    }

    private async ValueTask DisposeStatementsAsync()
    {
        if (statements is not null)
        {
            await statements.DisposeAsync();
            statements = null;
        }
    }

    private async Task<IReadOnlyList<AppendOutcome>> AppendAsync(Statements statements, IReadOnlyList<MessageAppend> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (unique, firstOf) = MessageBatch.Deduplicate(batch);
        var outcomes = new AppendOutcome[unique.Count];
        var stamp = UtcTicksConverter.ToLong(now);
        await using var transaction = await statements.BeginAsync(cancellationToken);
        var (assignments, messages) = (outbox.Wants(WebhookEvents.ConversationAssigned), outbox.Wants(WebhookEvents.MessageStored));

        var summaries = new Dictionary<Guid, ConversationSummary>();
        var newlyTaken = new HashSet<Guid>();
        var answeredIn = new HashSet<Guid>();
        for (var i = 0; i < unique.Count; i++)
        {
            var append = unique[i];
            var conversation = Id(append.ConversationId);
            var client = Id(append.ClientMessageId);
            Bind(statements.Probe, conversation, client);
            long untaken;
            await using (var reader = await statements.Probe.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    outcomes[i] = AppendOutcome.NotFound;
                    continue;
                }

                if (!reader.IsDBNull(1))
                {
                    outcomes[i] = AppendOutcome.Earlier(new ChatMessage(
                        append.ConversationId,
                        reader.GetInt64(2),
                        Guid.Parse(reader.GetString(1)),
                        append.ClientMessageId,
                        Enum.Parse<SenderKind>(reader.GetString(3)),
                        reader.GetString(4),
                        reader.GetString(5),
                        UtcTicksConverter.ToTime(reader.GetInt64(6)),
                        MessageBatch.Attachments(reader.IsDBNull(7) ? null : reader.GetString(7))));
                    continue;
                }

                untaken = reader.GetInt64(0);
            }

            var claimant = append.TakesConversation ? append.Sender.Id : null;
            Bind(statements.Advance, conversation, stamp, append.Preview, append.Topic, claimant);
            long sequence;
            await using (var reader = await statements.Advance.ExecuteReaderAsync(cancellationToken))
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
                if (assignments)
                {
                    Bind(statements.RecordEvent, Id(Guid.CreateVersion7(now)), WebhookEvents.ConversationAssigned, conversation, null,
                        JsonSerializer.Serialize(new { assignedTo = claimant, reason = AssignmentReasons.FirstReply }), stamp);
                    await statements.RecordEvent.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            var id = Guid.CreateVersion7(now);
            Bind(statements.Insert, Id(id), conversation, sequence, client, append.Sender.Kind.ToString(), append.Sender.Id,
                append.Sender.Name, append.Text, stamp, MessageBatch.AttachmentsJson(append.Attachments));
            await statements.Insert.ExecuteNonQueryAsync(cancellationToken);
            if (messages)
            {
                Bind(statements.RecordEvent, Id(Guid.CreateVersion7(now)), WebhookEvents.MessageStored, conversation, sequence, null, stamp);
                await statements.RecordEvent.ExecuteNonQueryAsync(cancellationToken);
            }

            if (append.Sender.Kind == SenderKind.Agent && answeredIn.Add(append.ConversationId))
            {
                Bind(statements.Answered, stamp, conversation);
                await statements.Answered.ExecuteNonQueryAsync(cancellationToken);
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

    /// <summary>Ids as EF Core's SQLite provider writes them (upper-case text), formatted into the string itself: a few per message.</summary>
    private static string Id(Guid id) => string.Create(36, id, static (chars, id) =>
    {
        id.TryFormat(chars, out _);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.ToUpperInvariant(chars[i]);
        }
    });

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>The log's own connection and its statements, prepared once.</summary>
    private sealed class Statements(SqliteConnection connection) : IAsyncDisposable
    {
        public SqliteCommand Probe { get; } = Prepare(connection, ProbeSql, "$conv", "$client");

        public SqliteCommand Advance { get; } = Prepare(connection, AdvanceSql, "$conv", "$now", "$preview", "$topic", "$claimant");

        public SqliteCommand Insert { get; } = Prepare(connection, InsertSql, "$id", "$conv", "$sequence", "$client", "$sender", "$senderId", "$senderName", "$text", "$now", "$attachments");

        public SqliteCommand Answered { get; } = Prepare(connection, AnsweredSql, "$now", "$conv");

        public SqliteCommand RecordEvent { get; } = Prepare(connection, EventSql, "$id", "$type", "$conv", "$sequence", "$data", "$now");

        private SqliteCommand[] All => [Probe, Advance, Insert, Answered, RecordEvent];

        public static async Task<Statements> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                await using (var pragma = new SqliteCommand($"PRAGMA cache_size = -{CacheKibibytes}", connection))
                {
                    await pragma.ExecuteNonQueryAsync(cancellationToken);
                }

                return new Statements(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async Task<SqliteTransaction> BeginAsync(CancellationToken cancellationToken)
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            foreach (var command in All)
            {
                command.Transaction = transaction;
            }

            return transaction;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in All)
            {
                await command.DisposeAsync();
            }

            await connection.DisposeAsync();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
        {
            var command = new SqliteCommand(sql, connection);
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }
}
