using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.ScaleOut;

/// <summary>Two server nodes on one PostgreSQL and one Redis, as in production.</summary>
[Trait("Area", "ScaleOut")]
public sealed class TwoNodeTests : IAsyncLifetime
{
    private ChatServer first = null!;
    private ChatServer second = null!;

    public async Task InitializeAsync()
    {
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["ConnectionStrings:Redis"] = (await RedisServer.Shared).ConnectionString,
        };
        first = await ChatServer.StartAsync(Backend.Embedded, settings);
        second = await ChatServer.StartAsync(Backend.Embedded, settings);
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task A_visitor_on_one_node_and_an_agent_on_the_other_talk_live()
    {
        var session = await TestClients.StartVisitorSessionAsync(first.BaseAddress);
        await using var visitor = TestClients.VisitorConnection(first.BaseAddress, session.Token);
        var visitorMessages = visitor.Record<ChatMessage>(nameof(IVisitorClient.MessageReceived));
        await visitor.StartAsync();
        await using var agent = TestClients.AgentConnection(second.BaseAddress, await TestClients.SignInAgentAsync(second.BaseAddress));
        var agentMessages = agent.Record<ChatMessage>(nameof(IAgentClient.MessageReceived));
        await agent.StartAsync();
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);

        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "с первого узла"));
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "со второго узла"));

        Assert.Equal("с первого узла", (await agentMessages.WaitForAsync(m => m.Sequence == 1)).Text);
        Assert.Equal("со второго узла", (await visitorMessages.WaitForAsync(m => m.Sequence == 2)).Text);
    }

    [Fact]
    public async Task Two_nodes_writing_one_conversation_at_once_keep_its_order_without_gaps_or_duplicates()
    {
        var session = await TestClients.StartVisitorSessionAsync(first.BaseAddress);
        await using var onFirst = TestClients.VisitorConnection(first.BaseAddress, session.Token);
        await using var onSecond = TestClients.VisitorConnection(second.BaseAddress, session.Token);
        await onFirst.StartAsync();
        await onSecond.StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 80).Select(i =>
            (i % 2 == 0 ? onFirst : onSecond).InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), $"m{i}"))));

        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), results.Select(r => r.Message.Sequence).Order());
        var stored = await onSecond.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Equal(Enumerable.Range(1, 80).Select(i => (long)i), stored.Messages.Select(m => m.Sequence));
    }

    [Fact]
    public async Task The_identification_limit_of_a_session_holds_across_both_nodes()
    {
        var session = await TestClients.StartVisitorSessionAsync(first.BaseAddress);
        await using var onFirst = TestClients.VisitorConnection(first.BaseAddress, session.Token);
        await using var onSecond = TestClients.VisitorConnection(second.BaseAddress, session.Token);
        await onFirst.StartAsync();
        await onSecond.StartAsync();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var node = attempt % 2 == 0 ? onFirst : onSecond;
            await node.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(Guid.NewGuid(), $"нет-такого-{attempt}", null, $"a{attempt}@example.com", null, null));
        }

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            onSecond.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(Guid.NewGuid(), "ещё-одна", null, "b@example.com", null, null)));
        Assert.Equal(ErrorCodes.RateLimited, ErrorCodes.Parse(refused.Message));
    }
}
