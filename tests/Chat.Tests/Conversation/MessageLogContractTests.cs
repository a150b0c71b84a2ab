using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Chat.Server.Webhooks;
using Chat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chat.Tests.Conversation;

/// <summary>
/// What every <see cref="IMessageLog"/> promises, on each database: sequences 1, 2, 3… per conversation without gaps,
/// also under writers on two nodes at once; a retried client id answered with the original (in a later batch, within
/// one batch, and mixed with new sends that are then stored without a gap); the inbox line after the batch (never an
/// automatic message's text); the first-reply rule; an agent's message answering its conversation's queued items; an
/// unknown conversation refused without failing the rest of the batch.
/// </summary>
public abstract class MessageLogContractTests(ServerFixture fixture)
{
    private static readonly Caller Petrov = new(SenderKind.Agent, "m.petrov", "Пётр Петров", null, "Manager");
    private static readonly Caller Smirnova = new(SenderKind.Agent, "m.smirnova", "Мария Смирнова", null, "Manager");

    private IMessageLog Log => fixture.Server.Services.GetRequiredService<IMessageLog>();

    [Fact]
    public async Task Each_message_gets_the_next_sequence_in_batch_order_and_the_line_as_it_stands_after_the_batch()
    {
        var conversation = await ConversationAsync();

        var first = await Log.AppendAsync([Visitor(conversation, "один"), Visitor(conversation, "два"), Visitor(conversation, "три")], DateTimeOffset.UtcNow, default);
        var second = await Log.AppendAsync([Visitor(conversation, "четыре")], DateTimeOffset.UtcNow, default);

        Assert.Equal([1L, 2, 3], first.Select(o => o.Message!.Sequence));
        Assert.All(first, o => Assert.Equal((3L, "три"), (o.Conversation!.LastSequence, o.Conversation.LastText)));
        Assert.Equal(4, second.Single().Message!.Sequence);
        Assert.Equal(new long[] { 1L, 2, 3, 4 }, await SequencesAsync(conversation));
    }

    [Fact]
    public async Task A_retried_client_id_is_answered_with_the_original_and_the_new_sends_beside_it_leave_no_gap()
    {
        var conversation = await ConversationAsync();
        var original = Visitor(conversation, "вопрос");
        var stored = (await Log.AppendAsync([original], DateTimeOffset.UtcNow, default)).Single().Message!;

        var retried = await Log.AppendAsync([original with { Text = "другой текст" }, Visitor(conversation, "ещё")], DateTimeOffset.UtcNow, default);
        var twice = Visitor(conversation, "дважды");
        var inOneBatch = await Log.AppendAsync([twice, twice], DateTimeOffset.UtcNow, default);

        Assert.True(retried[0].Duplicate);
        Assert.Equal((stored.Id, 1L, "вопрос"), (retried[0].Message!.Id, retried[0].Message!.Sequence, retried[0].Message!.Text));
        Assert.Equal((false, 2L), (retried[1].Duplicate, retried[1].Message!.Sequence));
        Assert.Equal([false, true], inOneBatch.Select(o => o.Duplicate));
        Assert.Equal(inOneBatch[0].Message!.Id, inOneBatch[1].Message!.Id);
        Assert.Equal(new long[] { 1L, 2, 3 }, await SequencesAsync(conversation));
    }

    [Fact]
    public async Task An_unknown_conversation_is_not_found_and_the_rest_of_its_batch_is_stored()
    {
        var conversation = await ConversationAsync();

        var outcomes = await Log.AppendAsync([Visitor(Guid.NewGuid(), "в никуда"), Visitor(conversation, "сюда")], DateTimeOffset.UtcNow, default);

        Assert.Null(outcomes[0].Message);
        Assert.Equal(1, outcomes[1].Message!.Sequence);
        Assert.Equal(new long[] { 1L }, await SequencesAsync(conversation));
    }

    [Fact]
    public async Task The_first_agent_to_answer_takes_the_conversation_and_a_topic_stays_until_another_is_given()
    {
        var conversation = await ConversationAsync();

        var question = (await Log.AppendAsync([Visitor(conversation, "как настроить?") with { Topic = "customisation" }], DateTimeOffset.UtcNow, default)).Single();
        var taken = (await Log.AppendAsync([new MessageAppend(conversation, Petrov, Guid.NewGuid(), "отвечу")], DateTimeOffset.UtcNow, default)).Single();
        var colleague = (await Log.AppendAsync([new MessageAppend(conversation, Smirnova, Guid.NewGuid(), "и я здесь")], DateTimeOffset.UtcNow, default)).Single();

        Assert.Equal((null, false, "customisation"), (question.Conversation!.AssignedTo, question.NewlyAssigned, question.Conversation.Topic));
        Assert.Equal(("m.petrov", true, "customisation"), (taken.Conversation!.AssignedTo, taken.NewlyAssigned, taken.Conversation.Topic));
        Assert.Equal(("m.petrov", false), (colleague.Conversation!.AssignedTo, colleague.NewlyAssigned));
        Assert.Equal("Мария Смирнова", colleague.Message!.SenderName);
    }

    [Fact]
    public async Task An_automatic_message_never_replaces_the_line_that_previews_what_the_visitor_wrote()
    {
        var conversation = await ConversationAsync();
        var automatic = new Caller(SenderKind.System, "system", "Чат", null, null);

        var alone = await Log.AppendAsync([Visitor(conversation, "Перезвоните завтра"), new MessageAppend(conversation, automatic, Guid.NewGuid(), "Ответим до 10:00")], DateTimeOffset.UtcNow, default);
        var later = (await Log.AppendAsync([new MessageAppend(conversation, automatic, Guid.NewGuid(), "Мы получили ваш запрос")], DateTimeOffset.UtcNow, default)).Single();

        Assert.All(alone, o => Assert.Equal((2L, "Перезвоните завтра"), (o.Conversation!.LastSequence, o.Conversation.LastText)));
        Assert.Equal((3L, "Перезвоните завтра"), (later.Conversation!.LastSequence, later.Conversation.LastText));
    }

    [Fact]
    public async Task An_agents_message_answers_the_queued_items_of_its_conversation_as_it_is_stored_and_a_visitors_does_not()
    {
        var (asked, other) = (await ConversationAsync(), await ConversationAsync());
        var (waiting, elsewhere) = (await QueuedItemAsync(asked), await QueuedItemAsync(other));
        var answeredAt = DateTimeOffset.UtcNow.AddMinutes(-1);

        await Log.AppendAsync([Visitor(asked, "ещё вопрос"), Visitor(other, "и у меня")], answeredAt.AddSeconds(-1), default);
        var unansweredAfterVisitors = await AnsweredAtAsync(waiting);
        var answer = new MessageAppend(asked, Petrov, Guid.NewGuid(), "отвечаю");
        await Log.AppendAsync([answer], answeredAt, default);
        await Log.AppendAsync([answer], answeredAt.AddMinutes(1), default);

        Assert.Null(unansweredAfterVisitors);
        Assert.Equal(answeredAt.ToUnixTimeMilliseconds(), (await AnsweredAtAsync(waiting))?.ToUnixTimeMilliseconds());
        Assert.Null(await AnsweredAtAsync(elsewhere));
    }

    [Fact]
    public async Task Writers_on_two_nodes_at_once_hand_out_gapless_sequences_and_answer_retries_with_the_original()
    {
        var conversations = new[] { await ConversationAsync(), await ConversationAsync(), await ConversationAsync() };
        await using var secondNode = SecondNode();
        var logs = new[] { Log, secondNode.Log };
        var stored = new System.Collections.Concurrent.ConcurrentBag<ChatMessage>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var log = logs[writer % 2];
            for (var round = 0; round < 20; round++)
            {
                var batch = conversations.Select(c => Visitor(c, $"{writer}/{round}")).ToList();
                foreach (var outcome in await log.AppendAsync(batch, DateTimeOffset.UtcNow, default))
                {
                    stored.Add(outcome.Message!);
                }

                var retry = await log.AppendAsync([batch[round % batch.Count]], DateTimeOffset.UtcNow, default);
                Assert.True(retry.Single().Duplicate);
            }
        })));

        Assert.Equal(8 * 20 * conversations.Length, stored.Count);
        foreach (var conversation in conversations)
        {
            var expected = Enumerable.Range(1, 8 * 20).Select(i => (long)i).ToArray();
            Assert.Equal(expected, stored.Where(m => m.ConversationId == conversation).Select(m => m.Sequence).Order());
            Assert.Equal(expected, await SequencesAsync(conversation));
        }
    }

    [Fact]
    public async Task A_batch_the_database_refuses_half_way_stores_nothing_and_the_next_batch_goes_on_from_where_it_was()
    {
        var conversation = await ConversationAsync();
        await Log.AppendAsync([Visitor(conversation, "до")], DateTimeOffset.UtcNow, default);
        await RefuseTextAsync(Refused);
        try
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
                Log.AppendAsync([Visitor(conversation, "первое"), Visitor(conversation, Refused)], DateTimeOffset.UtcNow, default));
        }
        finally
        {
            await RefuseTextAsync(null);
        }

        var after = (await Log.AppendAsync([Visitor(conversation, "после")], DateTimeOffset.UtcNow, default)).Single();

        Assert.Equal((2L, 2L), (after.Message!.Sequence, after.Conversation!.LastSequence));
        Assert.Equal(new long[] { 1L, 2 }, await SequencesAsync(conversation));
    }

    private const string Refused = "отказ базы";

    /// <summary>A trigger that makes the database refuse a message with this text (null: the trigger goes), as a full disk or a broken constraint would.</summary>
    private async Task RefuseTextAsync(string? text)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<ChatDbContext>().Database;
        string[] statements = (database.IsNpgsql(), text) switch
        {
            (true, null) => ["""DROP TRIGGER "RefuseText" ON "Messages" """, """DROP FUNCTION "RefuseText"() """],
            (true, _) =>
            [
                $$"""CREATE FUNCTION "RefuseText"() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF NEW."Text" = '{{text}}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $f$""",
                """CREATE TRIGGER "RefuseText" BEFORE INSERT ON "Messages" FOR EACH ROW EXECUTE FUNCTION "RefuseText"()""",
            ],
            (false, null) => ["""DROP TRIGGER "RefuseText" """],
            (false, _) => [$$"""CREATE TRIGGER "RefuseText" BEFORE INSERT ON "Messages" WHEN NEW."Text" = '{{text}}' BEGIN SELECT RAISE(ABORT, 'refused'); END"""],
        };
        foreach (var statement in statements)
        {
            await database.ExecuteSqlRawAsync(statement);
        }
    }

    private static MessageAppend Visitor(Guid conversation, string text) =>
        new(conversation, new Caller(SenderKind.Visitor, "visitor", "Ольга", conversation, null), Guid.NewGuid(), text);

    private async Task<Guid> ConversationAsync()
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = DateTimeOffset.UtcNow;
        var conversation = new Chat.Server.Storage.Conversation
        {
            Id = Guid.CreateVersion7(now),
            VisitorId = Guid.NewGuid(),
            VisitorName = "Ольга",
            Language = "ru",
            Status = ConversationStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Conversations.Add(conversation);
        await db.SaveChangesAsync();
        return conversation.Id;
    }

    private async Task<Guid> QueuedItemAsync(Guid conversation)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var now = DateTimeOffset.UtcNow;
        var item = new OfflineItem
        {
            Id = Guid.CreateVersion7(now),
            Kind = OfflineItemKinds.VisitorMessage,
            TargetKind = QueueTargetKind.Pool,
            Target = "call-centre",
            ConversationId = conversation,
            Payload = "{}",
            CreatedAt = now,
            DueAt = now.AddHours(1),
        };
        db.Set<OfflineItem>().Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    private async Task<DateTimeOffset?> AnsweredAtAsync(Guid item)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        return await db.Set<OfflineItem>().Where(i => i.Id == item).Select(i => i.AnsweredAt).SingleAsync();
    }

    private async Task<long[]> SequencesAsync(Guid conversation)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        return await db.Messages.Where(m => m.ConversationId == conversation).OrderBy(m => m.Sequence).Select(m => m.Sequence).ToArrayAsync();
    }

    /// <summary>A second node's log on the same database: its own connections, as another server process would have.</summary>
    private SecondLog SecondNode()
    {
        using var scope = fixture.Server.Services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<ChatDbContext>().Database;
        var connection = database.GetConnectionString()!;
        var outbox = fixture.Server.Services.GetRequiredService<WebhookOutbox>();
        if (database.IsNpgsql())
        {
            var source = NpgsqlDataSource.Create(connection);
            return new SecondLog(new PostgresMessageLog(source, outbox), source);
        }

        var log = new SqliteMessageLog(connection, outbox);
        return new SecondLog(log, log);
    }

    /// <summary>The second log and what it owns: the PostgreSQL log's data source, or the SQLite log itself (its connection).</summary>
    private sealed record SecondLog(IMessageLog Log, IAsyncDisposable Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned.DisposeAsync();
    }
}

[Trait("Area", "Conversation")]
public sealed class EmbeddedMessageLogTests(EmbeddedServerFixture fixture)
    : MessageLogContractTests(fixture), IClassFixture<EmbeddedServerFixture>;

[Trait("Area", "Conversation")]
public sealed class RedisPostgresMessageLogTests(RedisPostgresServerFixture fixture)
    : MessageLogContractTests(fixture), IClassFixture<RedisPostgresServerFixture>;
