using System.Net;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Api;

/// <summary>Every /api/v1 endpoint through the typed client, on each backend; what the API posts reaches the hubs live.</summary>
public abstract class ApiEndToEndTests(ServerFixture fixture) : IAsyncLifetime
{
    private Clients clients = null!;

    private Uri Server => fixture.Server.BaseAddress;

    public Task InitializeAsync()
    {
        clients = new Clients(Server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await clients.DisposeAsync();

    private async Task<(VisitorSession Session, HubConnection Hub, EventLog<ChatMessage> Messages)> VisitorWithMessageAsync()
    {
        var (session, hub, _, messages) = await clients.VisitorAsync();
        await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте, вопрос по счёту"));
        return (session, hub, messages);
    }

    [Fact]
    public async Task A_message_posted_by_the_api_is_stored_once_reaches_an_agent_hub_live_and_a_visitors_resume()
    {
        var key = await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.MessagesWrite, ApiScopes.ConversationsRead);
        using var api = new ApiClient(Server, key.Secret);
        var (session, visitor, visitorLive) = await VisitorWithMessageAsync();
        var (agent, _) = await clients.AgentAsync("m.smirnova");
        var agentLive = agent.Record<ChatMessage>(nameof(IAgentClient.MessageReceived));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);

        var idempotencyKey = Guid.NewGuid().ToString();
        var posted = (await api.PostMessageAsync(session.ConversationId, idempotencyKey, "Добрый день! Счёт отправлен.")).Ok(HttpStatusCode.Created);
        Assert.Equal((2L, false, SenderKind.Agent, "Пётр Петров"), (posted.Message.Sequence, posted.Duplicate, posted.Message.Sender, posted.Message.SenderName));

        var pushed = await agentLive.WaitForAsync(m => m.Sequence == 2);
        Assert.Equal("Добрый день! Счёт отправлен.", pushed.Text);
        await visitorLive.WaitForAsync(m => m.Sequence == 2);
        var resumed = await visitor.InvokeAsync<ResumeResult>("Resume", 1L);
        Assert.Equal(posted.Message.Id, Assert.Single(resumed.Messages).Id);

        var retry = (await api.PostMessageAsync(session.ConversationId, idempotencyKey, "Добрый день! Счёт отправлен.")).Ok(HttpStatusCode.Created);
        Assert.Equal((posted.Message.Id, true), (retry.Message.Id, retry.Duplicate));
        var messages = (await api.GetMessagesAsync(session.ConversationId.ToString())).Ok();
        Assert.Equal([1L, 2L], messages.Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task Conversations_are_listed_newest_first_by_cursor_and_filter_and_messages_page_by_sequence()
    {
        var key = await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.ConversationsRead, ApiScopes.MessagesWrite);
        using var api = new ApiClient(Server, key.Secret);
        var (first, _, _) = await VisitorWithMessageAsync();
        var (second, visitor, _) = await VisitorWithMessageAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "И ещё вопрос"));
        (await api.PostMessageAsync(second.ConversationId, Guid.NewGuid().ToString(), "Отвечаю")).Ok(HttpStatusCode.Created);

        var page = (await api.ListConversationsAsync("?limit=1")).Ok();
        Assert.Equal(second.ConversationId, Assert.Single(page.Items).Id);
        Assert.NotNull(page.NextCursor);
        var next = (await api.ListConversationsAsync($"?limit=1&cursor={page.NextCursor}")).Ok();
        Assert.Equal(first.ConversationId, Assert.Single(next.Items).Id);

        var mine = (await api.ListConversationsAsync("?assignee=m.petrov&status=open&channel=chat&limit=200")).Ok();
        Assert.Contains(mine.Items, c => c.Id == second.ConversationId);
        Assert.DoesNotContain(mine.Items, c => c.Id == first.ConversationId);
        Assert.DoesNotContain((await api.ListConversationsAsync("?status=closed&assignee=m.petrov&channel=offline")).Ok().Items, c => c.Id == second.ConversationId);
        Assert.Empty((await api.ListConversationsAsync("?account=no-such-account")).Ok().Items);

        var one = (await api.GetConversationAsync(second.ConversationId.ToString())).Ok();
        Assert.Equal((3L, "m.petrov", ConversationStatus.Open), (one.LastSequence, one.AssignedTo, one.Status));
        var tail = (await api.GetMessagesAsync(second.ConversationId.ToString(), "?afterSequence=1&limit=1")).Ok();
        Assert.Equal((3L, 2L), (tail.LastSequence, Assert.Single(tail.Messages).Sequence));
    }

    [Fact]
    public async Task Accounts_are_created_updated_and_found_by_id_name_phone_and_email_with_the_import_rules()
    {
        var key = await ApiKeys.CreateAsync(Server, "s.orlov", ApiScopes.AccountsManage);
        using var api = new ApiClient(Server, key.Secret);
        var id = Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = (await api.CreateAccountAsync(ApiClient.Json(new AccountRow(id, $"ООО «Заря {id}»", "ООО Заря", "business", "m.petrov", null,
            ["8 (916) 700-11-22"], ["Office@Zarya.Example"])))).Ok(HttpStatusCode.Created);
        Assert.Equal(["+79167001122"], created.Phones);
        Assert.Equal(["office@zarya.example"], created.Emails);

        Assert.Equal(id, Assert.Single((await api.FindAccountsAsync($"?id=%23{id}")).Ok()).Id);
        Assert.Equal(id, Assert.Single((await api.FindAccountsAsync($"?name=«ЗАРЯ {id}»")).Ok()).Id);
        Assert.Equal(id, Assert.Single((await api.FindAccountsAsync("?phone=%2B7 916 700 11 22")).Ok()).Id);
        Assert.Equal(id, Assert.Single((await api.FindAccountsAsync("?email=OFFICE@zarya.example")).Ok()).Id);

        var updated = (await api.UpdateAccountAsync(id, ApiClient.Json(new AccountRow(null, $"Заря {id}", null, "standard", null, null, [], ["new@zarya.example"])))).Ok();
        Assert.Equal(("standard", (string?)null), (updated.Tariff, updated.Manager));
        Assert.Equal(["new@zarya.example"], updated.Emails);
        Assert.Empty((await api.FindAccountsAsync("?email=office@zarya.example")).Ok());

        (await api.CreateAccountAsync(ApiClient.Json(new AccountRow(id, "Другое имя", null, "business", null, null, null, null)))).Refused(HttpStatusCode.Conflict, ErrorCodes.AccountExists);
        (await api.UpdateAccountAsync("no-such-" + id, ApiClient.Json(new AccountRow(null, "Имя", null, "business", null, null, null, null))))
            .Refused(HttpStatusCode.NotFound, ErrorCodes.AccountNotFound);
        var bad = (await api.CreateAccountAsync(ApiClient.Json(new AccountRow(id + "-2", "Имя", null, "no-such-tariff", null, null, ["12"], ["not-an-email"]))))
            .Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal([("tariff", ErrorCodes.InvalidArgument), ("phones", ErrorCodes.InvalidPhone), ("emails", ErrorCodes.InvalidEmail)], bad.Errors.Select(e => (e.Field, e.Code)));
        Assert.Empty((await api.FindAccountsAsync($"?id={id}-2")).Ok());
        (await api.FindAccountsAsync("?phone=12")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidPhone);
        (await api.FindAccountsAsync($"?id={id}&name=x")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
    }

    [Fact]
    public async Task Staff_handoffs_and_due_items_answer_as_the_keys_staff_member_sees_them()
    {
        var key = await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.StaffRead, ApiScopes.HandoffsRead, ApiScopes.HandoffsWrite, ApiScopes.QueueRead);
        using var api = new ApiClient(Server, key.Secret);
        var staff = (await api.ListStaffAsync()).Ok();
        Assert.Contains(staff, s => s is { Login: "m.petrov", Role: "Manager", Active: true });

        var (session, visitor, _) = await VisitorWithMessageAsync();
        await visitor.IdentifyAsync("10001", "+7 916 123-45-67");
        var card = Assert.Single((await api.ListHandoffsAsync()).Ok(), c => c.ConversationId == session.ConversationId);
        var accepted = (await api.AdvanceHandoffAsync(card.Id.ToString(), """{"status":"Accepted"}""")).Ok();
        Assert.Equal(HandoffStatus.Accepted, accepted.Status);
        (await api.AdvanceHandoffAsync(card.Id.ToString(), """{"status":"Delivered"}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidTransition);
        (await api.AdvanceHandoffAsync(Guid.NewGuid().ToString(), """{"status":"Read"}""")).Refused(HttpStatusCode.NotFound, ErrorCodes.HandoffNotFound);
        var contacted = (await api.AdvanceHandoffAsync(card.Id.ToString(), """{"status":"Contacted","method":"Phone"}""")).Ok();
        Assert.Equal((HandoffStatus.Contacted, ContactMethod.Phone), (contacted.Status, contacted.ContactedBy));

        using var conversations = new ApiClient(Server, (await ApiKeys.CreateAsync(Server, "s.orlov", ApiScopes.ConversationsRead)).Secret);
        Assert.Contains((await conversations.ListConversationsAsync("?account=10001&limit=200")).Ok().Items, c => c.Id == session.ConversationId);
        Assert.NotNull((await api.DueItemsAsync()).Ok());
    }
}

[Trait("Area", "Api")]
public sealed class EmbeddedApiTests(EmbeddedHandoffFixture fixture) : ApiEndToEndTests(fixture), IClassFixture<EmbeddedHandoffFixture>;

[Trait("Area", "Api")]
public sealed class RedisPostgresApiTests(RedisPostgresHandoffFixture fixture) : ApiEndToEndTests(fixture), IClassFixture<RedisPostgresHandoffFixture>;
