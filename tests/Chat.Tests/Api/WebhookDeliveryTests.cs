using System.Net;
using System.Net.Http.Json;
using Chat.Contracts;
using Chat.Server.Storage;
using Chat.Server.Webhooks;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Api;

/// <summary>Webhook settings for tests: loopback receivers allowed, short timeouts, back-offs and turns.</summary>
public static class WebhookSettings
{
    public static readonly IReadOnlyDictionary<string, string?> Overrides = new Dictionary<string, string?>(HandoffSettings.Overrides)
    {
        ["Chat:Webhooks:AllowPrivateAddresses"] = "true",
        ["Chat:Webhooks:Timeout"] = "00:00:01",
        ["Chat:Webhooks:RetryDelay"] = "00:00:00.050",
        ["Chat:Webhooks:TurnDelay"] = "00:00:00.100",
        ["Chat:Webhooks:MaxTurnDelay"] = "00:00:00.400",
        ["Chat:Webhooks:PauseAfterFailedTurns"] = "3",
        ["Chat:Webhooks:PollInterval"] = "00:00:00.050",
    };
}

public sealed class EmbeddedWebhookFixture() : ServerFixture(Backend.Embedded, WebhookSettings.Overrides);

public sealed class RedisPostgresWebhookFixture() : ServerFixture(Backend.RedisPostgres, WebhookSettings.Overrides);

/// <summary>
/// Webhooks against a real receiver on Kestrel: every event of a conversation reaches it in order, signed; a receiver
/// that fails, hangs or refuses gets the events again with the same ids; one that keeps failing pauses its subscription
/// until an administrator resumes it, and then nothing is missing.
/// </summary>
public abstract class WebhookDeliveryTests(ServerFixture fixture) : IAsyncLifetime
{
    private readonly List<Guid> subscriptions = [];
    private Clients clients = null!;

    private Uri Server => fixture.Server.BaseAddress;

    public Task InitializeAsync()
    {
        clients = new Clients(Server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var id in subscriptions)
        {
            await Webhooks.DeleteAsync(Server, id);
        }

        await clients.DisposeAsync();
    }

    private async Task<CreatedWebhook> SubscribeAsync(WebhookReceiver receiver, params string[] events)
    {
        var created = await Webhooks.CreateAsync(Server, receiver.Url, events);
        subscriptions.Add(created.Webhook.Id);
        // Every node learns of a subscription on its dispatcher's next turn; events are recorded from then on.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        return created;
    }

    /// <summary>A visitor writes, identifies as a client, an agent answers (and so takes the conversation), closes it, the visitor rates it.</summary>
    private async Task<Guid> PlayConversationAsync()
    {
        var (session, visitor, _, _) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте, вопрос по счёту"));
        await visitor.IdentifyAsync("10001", "+7 916 123-45-67");
        var (agent, _) = await clients.AgentAsync("m.petrov");
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Добрый день! Счёт отправлен."));
        await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, 5));
        await visitor.InvokeAsync<RatingResult>("Rate", new RatingRequest(5, "Спасибо"));
        return session.ConversationId;
    }

    [Fact]
    public async Task Every_event_of_a_conversation_reaches_the_receiver_in_order_and_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var conversation = await PlayConversationAsync();

        var all = await receiver.WaitForAsync(r => r.Any(e => e.ConversationId == conversation && e.Type == WebhookEvents.RatingReceived));
        var events = all.Where(e => e.ConversationId == conversation).ToList();
        Assert.All(events, e => Assert.True(e.SignedWith(webhook.Secret), $"signature of {e.Type}"));
        Assert.All(events, e => Assert.Equal(e.Id, e.Envelope.GetProperty("id").GetString()));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());

        var stored = events.Where(e => e.Type == WebhookEvents.MessageStored).Select(e => e.Data.GetProperty("sequence").GetInt64()).ToList();
        var last = (await ConversationAsync(conversation)).LastSequence;
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), stored);

        var handoff = Assert.Single(events, e => e.Type == WebhookEvents.HandoffCreated);
        Assert.Equal(("10001", "m.petrov"), (handoff.Data.GetProperty("accountId").GetString(), handoff.Data.GetProperty("assignedLogin").GetString()));
        var assigned = Assert.Single(events, e => e.Type == WebhookEvents.ConversationAssigned);
        Assert.Equal(("m.petrov", "first_reply"), (assigned.Data.GetProperty("assignedTo").GetString(), assigned.Data.GetProperty("reason").GetString()));
        var closed = Assert.Single(events, e => e.Type == WebhookEvents.ConversationClosed);
        Assert.Equal(("m.petrov", 5), (closed.Data.GetProperty("closedBy").GetString(), closed.Data.GetProperty("preparationMinutes").GetInt32()));
        var rating = Assert.Single(events, e => e.Type == WebhookEvents.RatingReceived);
        Assert.Equal((5, "Спасибо"), (rating.Data.GetProperty("score").GetInt32(), rating.Data.GetProperty("comment").GetString()));

        // In the order things happened: the close comes after its notice (the last message), the rating after the close.
        var order = events.ConvertAll(e => e.Type);
        Assert.True(order.LastIndexOf(WebhookEvents.MessageStored) < order.IndexOf(WebhookEvents.ConversationClosed), string.Join(", ", order));
        Assert.Equal(WebhookEvents.RatingReceived, order[^1]);
        Assert.True(order.IndexOf(WebhookEvents.HandoffCreated) < order.IndexOf(WebhookEvents.ConversationAssigned), string.Join(", ", order));
    }

    [Fact]
    public async Task A_receiver_that_fails_and_hangs_gets_every_event_again_with_the_same_ids()
    {
        // Calls 1–3 fail with 500, call 4 hangs past the timeout, then every call succeeds.
        await using var receiver = await WebhookReceiver.StartAsync(call => call switch { <= 3 => ReceiverAnswer.Fail, 4 => ReceiverAnswer.Hang, _ => ReceiverAnswer.Ok });
        var webhook = await SubscribeAsync(receiver, WebhookEvents.MessageStored, WebhookEvents.ConversationClosed);
        var conversation = await PlayConversationAsync();

        var all = await receiver.WaitForAsync(r => r.Any(e => e.ConversationId == conversation && e.Type == WebhookEvents.ConversationClosed));
        var events = all.Where(e => e.ConversationId == conversation).ToList();
        Assert.True(receiver.Calls > events.Count, $"{receiver.Calls} calls for {events.Count} events");
        Assert.DoesNotContain(events, e => e.Type is not (WebhookEvents.MessageStored or WebhookEvents.ConversationClosed));
        var last = (await ConversationAsync(conversation)).LastSequence;
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i),
            events.Where(e => e.Type == WebhookEvents.MessageStored).Select(e => e.Data.GetProperty("sequence").GetInt64()));
        Assert.All(events, e => Assert.True(e.SignedWith(webhook.Secret)));

        using var admin = Webhooks.Admin(Server);
        var deliveries = (await admin.GetFromJsonAsync<List<WebhookDeliveryInfo>>($"{HubPaths.AdminWebhooks}/{webhook.Webhook.Id}/deliveries?limit=500", TestClients.Json))!;
        var first = Assert.Single(deliveries, d => d.ConversationId == conversation && d.Event == WebhookEvents.MessageStored && d.EventId == Guid.Parse(events[0].Id));
        Assert.Equal(("delivered", 5, 200), (first.Status, first.Attempts, first.LastStatusCode));

        var again = await admin.PostAsync($"{HubPaths.AdminWebhooks}/{webhook.Webhook.Id}/deliveries/{events[0].Id}/redeliver", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(6, (await again.Content.ReadFromJsonAsync<WebhookDeliveryInfo>(TestClients.Json))!.Attempts);
        var repeated = await receiver.WaitForAsync(r => r.Count(e => e.Id == events[0].Id) == 2);
        Assert.Equal(repeated.First(e => e.Id == events[0].Id).Body, repeated.Last(e => e.Id == events[0].Id).Body);
    }

    [Fact]
    public async Task A_receiver_that_refuses_pauses_its_subscription_and_resuming_delivers_everything_in_order()
    {
        var port = LocalProcess.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/hook");
        await using var administrator = await Webhooks.AdministratorAsync(Server);
        var (supervisor, _) = await clients.AgentAsync("s.orlov");
        var toldAdministrator = administrator.Record<WebhookInfo>(nameof(IAgentClient.WebhookPaused));
        var toldSupervisor = supervisor.Record<WebhookInfo>(nameof(IAgentClient.WebhookPaused));
        var webhook = await Webhooks.CreateAsync(Server, url, WebhookEvents.MessageStored);
        subscriptions.Add(webhook.Webhook.Id);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var conversation = await PlayConversationAsync();

        await LocalProcess.WaitUntilAsync(async () => (await Webhooks.GetAsync(Server, webhook.Webhook.Id)).Status == "paused", "the subscription paused");
        var paused = await Webhooks.GetAsync(Server, webhook.Webhook.Id);
        Assert.Equal(3, paused.ConsecutiveFailures);
        Assert.NotNull(paused.LastError);
        var told = await toldAdministrator.WaitForAsync(w => w.Id == webhook.Webhook.Id);
        Assert.Equal(("paused", paused.LastError), (told.Status, told.LastError));
        Assert.DoesNotContain(toldSupervisor.Items, w => w.Id == webhook.Webhook.Id);

        await using var receiver = await WebhookReceiver.StartAsync(port: port);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty(receiver.Received);
        using var admin = Webhooks.Admin(Server);
        var resumed = await (await admin.PostAsync($"{HubPaths.AdminWebhooks}/{webhook.Webhook.Id}/resume", null)).Content.ReadFromJsonAsync<WebhookInfo>(TestClients.Json);
        Assert.Equal(("active", 0), (resumed!.Status, resumed.ConsecutiveFailures));

        var last = (await ConversationAsync(conversation)).LastSequence;
        var events = await receiver.WaitForAsync(r => r.Count(e => e.ConversationId == conversation) == last);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i),
            events.Where(e => e.ConversationId == conversation).Select(e => e.Data.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task A_subscription_that_can_no_longer_be_read_is_paused_on_its_own_while_the_others_get_every_event()
    {
        await using var broken = await WebhookReceiver.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var unreadable = await SubscribeAsync(broken, WebhookEvents.MessageStored);
        await SubscribeAsync(receiver, WebhookEvents.MessageStored);
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            // As after the data-protection keys were lost: the stored signing secret no longer unprotects.
            await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Set<WebhookSubscription>().Where(w => w.Id == unreadable.Webhook.Id)
                .ExecuteUpdateAsync(w => w.SetProperty(x => x.ProtectedSecret, "not a protected secret"));
        }

        var conversation = await PlayConversationAsync();

        var last = (await ConversationAsync(conversation)).LastSequence;
        await receiver.WaitForAsync(r => r.Count(e => e.ConversationId == conversation) == last);
        await LocalProcess.WaitUntilAsync(async () => (await Webhooks.GetAsync(Server, unreadable.Webhook.Id)).Status == "paused", "the unreadable subscription paused");
        Assert.Equal("The subscription could not be read; make it again.", (await Webhooks.GetAsync(Server, unreadable.Webhook.Id)).LastError);
        Assert.Empty(broken.Received);
    }

    [Fact]
    public async Task Only_the_event_types_a_subscription_wants_are_recorded()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver, WebhookEvents.RatingReceived);
        var conversation = await PlayConversationAsync();

        await receiver.WaitForAsync(r => r.Any(e => e.ConversationId == conversation));
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Set<WebhookEventRecord>()
            .Where(e => e.ConversationId == conversation).Select(e => e.Type).ToListAsync();
        Assert.Equal([WebhookEvents.RatingReceived], recorded);
    }

    [Fact]
    public async Task Subscriptions_refuse_bad_urls_and_events_and_unknown_ids()
    {
        using var admin = Webhooks.Admin(Server);
        async Task<Problem> RefusedAsync(string json, HttpStatusCode status, string code) =>
            (await ApiClient.ReadAsync<CreatedWebhook>(await admin.PostAsync(HubPaths.AdminWebhooks, new StringContent(json, System.Text.Encoding.UTF8, "application/json"))))
                .Refused(status, code);

        await RefusedAsync("""{"url":"ftp://example.com/x","events":["message.stored"]}""", HttpStatusCode.BadRequest, ErrorCodes.WebhookUrlRefused);
        await RefusedAsync("""{"url":"https://user:pw@example.com/x","events":["message.stored"]}""", HttpStatusCode.BadRequest, ErrorCodes.WebhookUrlRefused);
        var events = await RefusedAsync("""{"url":"https://example.com/x","events":["message.deleted"]}""", HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal("events", Assert.Single(events.Errors).Field, StringComparer.OrdinalIgnoreCase);
        await RefusedAsync("""{"url":"https://example.com/x","events":["message.stored"],"secret":"mine"}""", HttpStatusCode.BadRequest, ErrorCodes.UnknownField);
        (await ApiClient.ReadAsync<WebhookInfo>(await admin.DeleteAsync($"{HubPaths.AdminWebhooks}/{Guid.NewGuid()}"))).Refused(HttpStatusCode.NotFound, ErrorCodes.WebhookNotFound);
        (await ApiClient.ReadAsync<WebhookInfo>(await admin.PostAsync($"{HubPaths.AdminWebhooks}/{Guid.NewGuid()}/resume", null))).Refused(HttpStatusCode.NotFound, ErrorCodes.WebhookNotFound);

        using var anonymous = TestClients.Http(Server);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(HubPaths.AdminWebhooks)).StatusCode);
        using var list = Webhooks.Admin(Server);
        Assert.DoesNotContain("whsec_", await list.GetStringAsync(HubPaths.AdminWebhooks), StringComparison.Ordinal);
    }

    private async Task<ConversationSummary> ConversationAsync(Guid id)
    {
        var key = await ApiKeys.CreateAsync(Server, "s.orlov", ApiScopes.ConversationsRead);
        using var api = new ApiClient(Server, key.Secret);
        return (await api.GetConversationAsync(id.ToString())).Ok();
    }
}

[Trait("Area", "Api")]
public sealed class EmbeddedWebhookDeliveryTests(EmbeddedWebhookFixture fixture) : WebhookDeliveryTests(fixture), IClassFixture<EmbeddedWebhookFixture>;

[Trait("Area", "Api")]
public sealed class RedisPostgresWebhookDeliveryTests(RedisPostgresWebhookFixture fixture) : WebhookDeliveryTests(fixture), IClassFixture<RedisPostgresWebhookFixture>;
