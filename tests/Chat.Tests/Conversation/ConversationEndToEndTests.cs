using System.Net.Http.Json;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Conversation;

/// <summary>The first live conversation, over real SignalR connections, on each backend.</summary>
public abstract class ConversationEndToEndTests(ServerFixture fixture) : IAsyncLifetime
{
    private readonly List<HubConnection> connections = [];

    private Uri Server => fixture.Server.BaseAddress;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<HubConnection> ConnectAsync(HubConnection connection)
    {
        connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    private async Task<(VisitorSession Session, HubConnection Hub)> VisitorAsync(string name = "Ольга")
    {
        var session = await TestClients.StartVisitorSessionAsync(Server, name);
        return (session, await ConnectAsync(TestClients.VisitorConnection(Server, session.Token)));
    }

    private async Task<HubConnection> AgentAsync(string login = "m.petrov") =>
        await ConnectAsync(TestClients.AgentConnection(Server, await TestClients.SignInAgentAsync(Server, login)));

    [Fact]
    public async Task A_visitor_message_reaches_a_signed_in_agent_live_and_the_reply_comes_back()
    {
        var agent = await AgentAsync();
        var inbox = agent.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));
        var agentMessages = agent.Record<ChatMessage>(nameof(IAgentClient.MessageReceived));
        var (session, visitor) = await VisitorAsync();
        var visitorMessages = visitor.Record<ChatMessage>(nameof(IVisitorClient.MessageReceived));

        var sent = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте! Нужна помощь с договором."));
        Assert.Equal(1, sent.Message.Sequence);
        Assert.False(sent.Duplicate);

        var summary = await inbox.WaitForAsync(s => s.Id == session.ConversationId);
        Assert.Equal("Ольга", summary.VisitorName);
        var opened = await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);
        var first = Assert.Single(opened.Messages);
        Assert.Equal("Здравствуйте! Нужна помощь с договором.", first.Text);
        Assert.Equal(SenderKind.Visitor, first.Sender);

        var reply = await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Добрый день! Чем помочь?"));
        Assert.Equal(2, reply.Message.Sequence);
        var received = await visitorMessages.WaitForAsync(m => m.Sequence == 2);
        Assert.Equal("Добрый день! Чем помочь?", received.Text);
        Assert.Equal(SenderKind.Agent, received.Sender);
        Assert.Equal("Пётр Петров", received.SenderName);

        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Спасибо"));
        var live = await agentMessages.WaitForAsync(m => m.Sequence == 3);
        Assert.Equal("Спасибо", live.Text);
    }

    [Fact]
    public async Task A_retried_send_with_the_same_client_id_returns_the_original_and_stores_nothing_new()
    {
        var (_, visitor) = await VisitorAsync();
        var clientId = Guid.NewGuid();

        var first = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(clientId, "Один раз"));
        var retry = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(clientId, "Один раз"));
        var next = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Второе"));

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Message.Id, retry.Message.Id);
        Assert.Equal(first.Message.Sequence, retry.Message.Sequence);
        Assert.Equal(first.Message.Sequence + 1, next.Message.Sequence);
        var all = await visitor.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Equal(["Один раз", "Второе"], all.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_send_store_one_message()
    {
        var (_, visitor) = await VisitorAsync();
        var clientId = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(clientId, "Гонка"))));

        Assert.Single(results.Select(r => r.Message.Id).Distinct());
        Assert.Single(results, r => !r.Duplicate);
        Assert.Single((await visitor.InvokeAsync<ResumeResult>("Resume", 0L)).Messages);
    }

    [Fact]
    public async Task A_visitor_who_resumes_with_its_last_sequence_gets_exactly_the_missed_messages_in_order()
    {
        var (session, visitor) = await VisitorAsync();
        var agent = await AgentAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Вопрос"));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);
        await visitor.StopAsync();

        foreach (var text in new[] { "Ответ 1", "Ответ 2", "Ответ 3" })
        {
            await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), text));
        }

        var again = await ConnectAsync(TestClients.VisitorConnection(Server, session.Token));
        var missed = await again.InvokeAsync<ResumeResult>("Resume", 1L);

        Assert.Equal([2L, 3L, 4L], missed.Messages.Select(m => m.Sequence));
        Assert.Equal(["Ответ 1", "Ответ 2", "Ответ 3"], missed.Messages.Select(m => m.Text));
        Assert.Equal(4, missed.LastSequence);
        Assert.Empty((await again.InvokeAsync<ResumeResult>("Resume", 4L)).Messages);
    }

    [Fact]
    public async Task Concurrent_sends_from_several_connections_get_unique_gapless_sequence_numbers()
    {
        var (session, visitor) = await VisitorAsync();
        var secondTab = await ConnectAsync(TestClients.VisitorConnection(Server, session.Token));
        var agent = await AgentAsync();
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);

        var sends = Enumerable.Range(0, 60).Select(i => (i % 3) switch
        {
            0 => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), $"tab1 {i}")),
            1 => secondTab.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), $"tab2 {i}")),
            _ => agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), $"agent {i}")),
        });
        var results = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), results.Select(r => r.Message.Sequence).Order());
        var stored = await visitor.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), stored.Messages.Select(m => m.Sequence));
        Assert.Equal(results.Select(r => r.Message.Id).Order(), stored.Messages.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task A_conversation_is_taken_by_the_first_agent_who_replies()
    {
        var petrov = await AgentAsync("m.petrov");
        var smirnova = await AgentAsync("m.smirnova");
        var smirnovaInbox = smirnova.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));
        var (session, visitor) = await VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Кто-нибудь?"));
        await smirnovaInbox.WaitForAsync(s => s.Id == session.ConversationId && s.AssignedTo is null);

        await petrov.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Я здесь"));

        var taken = await smirnovaInbox.WaitForAsync(s => s.Id == session.ConversationId && s.AssignedTo is not null);
        Assert.Equal("m.petrov", taken.AssignedTo);
    }

    [Fact]
    public async Task A_renewed_session_keeps_the_same_conversation()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        using var http = TestClients.Http(Server);

        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(null, null, session.Token), TestClients.Json);
        var renewed = await response.Content.ReadFromJsonAsync<VisitorSession>(TestClients.Json);

        Assert.Equal(session.ConversationId, renewed!.ConversationId);
        Assert.NotEqual(session.Token, renewed.Token);
    }

    [Fact]
    public async Task A_visitor_only_ever_sees_their_own_conversation()
    {
        var (alice, aliceHub) = await VisitorAsync("Алиса");
        var (bob, bobHub) = await VisitorAsync("Боб");
        var bobSecondTab = await ConnectAsync(TestClients.VisitorConnection(Server, bob.Token));
        var bobMessages = bobHub.Record<ChatMessage>(nameof(IVisitorClient.MessageReceived));
        var secondTabMessages = bobSecondTab.Record<ChatMessage>(nameof(IVisitorClient.MessageReceived));
        await aliceHub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "секрет Алисы"));
        await bobHub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "вопрос Боба"));

        var bobView = await bobHub.InvokeAsync<ResumeResult>("Resume", 0L);

        Assert.NotEqual(alice.ConversationId, bob.ConversationId);
        Assert.Equal(bob.ConversationId, bobView.ConversationId);
        Assert.Equal(["вопрос Боба"], bobView.Messages.Select(m => m.Text));

        // Bob's own message reaches his other tab (his sending connection has it in its answer only), after Alice's was pushed.
        await secondTabMessages.WaitForAsync(m => m.Text == "вопрос Боба");
        Assert.DoesNotContain(bobMessages.Items.Concat(secondTabMessages.Items), m => m.ConversationId == alice.ConversationId);
        Assert.Empty(bobMessages.Items);
    }
}

[Trait("Area", "Conversation")]
public sealed class EmbeddedConversationTests(EmbeddedServerFixture fixture)
    : ConversationEndToEndTests(fixture), IClassFixture<EmbeddedServerFixture>;

[Trait("Area", "Conversation")]
public sealed class RedisPostgresConversationTests(RedisPostgresServerFixture fixture)
    : ConversationEndToEndTests(fixture), IClassFixture<RedisPostgresServerFixture>;
