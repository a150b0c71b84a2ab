using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;

namespace Chat.Tests.ScaleOut;

/// <summary>Two deployments (each with its own database) share one Redis under their own key prefixes.</summary>
[Trait("Area", "ScaleOut")]
public sealed class SharedRedisTests : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> owned = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            await item.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_deployment_sees_neither_the_presence_nor_the_messages_of_another_under_another_prefix()
    {
        var alpha = await DeploymentAsync("alpha");
        var beta = await DeploymentAsync("beta");
        var petrovOnAlpha = await AgentAsync(alpha, "m.petrov");
        var ivanovaOnAlpha = await AgentAsync(alpha, "cc.ivanova");
        var ivanovaOnBeta = await AgentAsync(beta, "cc.ivanova");
        var betaMessages = ivanovaOnBeta.Record<ChatMessage>(nameof(IAgentClient.MessageReceived));
        var betaInbox = ivanovaOnBeta.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));

        var seenOnAlpha = await ivanovaOnAlpha.InvokeAsync<PresenceSnapshot>("GetPresence");
        Assert.Contains(seenOnAlpha.Agents, a => a is { Login: "m.petrov", Connected: true });
        var seenOnBeta = await ivanovaOnBeta.InvokeAsync<PresenceSnapshot>("GetPresence");
        Assert.DoesNotContain(seenOnBeta.Agents, a => a is { Login: "m.petrov", Connected: true });
        Assert.Contains(seenOnBeta.Agents, a => a is { Login: "cc.ivanova", Connected: true });

        var session = await TestClients.StartVisitorSessionAsync(alpha.BaseAddress);
        var visitor = TestClients.VisitorConnection(alpha.BaseAddress, session.Token);
        owned.Add(visitor);
        await visitor.StartAsync();
        var alphaInbox = petrovOnAlpha.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Только для alpha"));
        await alphaInbox.WaitForAsync(s => s.Id == session.ConversationId);
        var marker = await TestClients.StartVisitorSessionAsync(beta.BaseAddress);
        var betaVisitor = TestClients.VisitorConnection(beta.BaseAddress, marker.Token);
        owned.Add(betaVisitor);
        await betaVisitor.StartAsync();
        await betaVisitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Для beta"));
        await betaInbox.WaitForAsync(s => s.Id == marker.ConversationId);

        Assert.DoesNotContain(betaInbox.Items, s => s.Id == session.ConversationId);
        Assert.DoesNotContain(betaMessages.Items, m => m.ConversationId == session.ConversationId);
    }

    [Fact]
    public async Task A_key_prefix_outside_the_allowed_form_stops_the_server_naming_the_setting()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => DeploymentAsync("Not A Prefix!"));
        Assert.Contains("key prefix", refused.Message, StringComparison.Ordinal);
    }

    private async Task<ChatServer> DeploymentAsync(string prefix)
    {
        var server = await ChatServer.StartAsync(Backend.RedisPostgres, new Dictionary<string, string?> { ["Chat:Redis:KeyPrefix"] = prefix });
        owned.Add(server);
        return server;
    }

    private async Task<HubConnection> AgentAsync(ChatServer server, string login)
    {
        var hub = TestClients.AgentConnection(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress, login));
        owned.Add(hub);
        await hub.StartAsync();
        return hub;
    }
}
