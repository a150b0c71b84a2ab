using Chat.Contracts;
using Chat.Server.Presence;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chat.Tests.Presence;

/// <summary>Presence shared by two server nodes on one real redis-server.</summary>
[Trait("Area", "Presence")]
public sealed class PresenceAcrossNodesTests
{
    [Fact]
    public async Task Two_nodes_agree_on_who_is_present_and_the_widget_follows_availability()
    {
        await using var nodes = await Nodes.CreateAsync();
        var a = await nodes.StartAsync();
        var b = await nodes.StartAsync();
        EventLog<AgentPresence> seenByOrlov = null!;
        var orlov = await nodes.AgentAsync(b, "s.orlov", c => seenByOrlov = c.Record<AgentPresence>(nameof(IAgentClient.PresenceChanged)));
        var orlovNow = await orlov.InvokeAsync<AgentPresence?>("SetStatus", AgentStatus.Offline);
        Assert.False(orlovNow!.Available);
        EventLog<bool> availability = null!;
        var (session, visitor) = await nodes.VisitorAsync(b, c => availability = c.Record<bool>(nameof(IVisitorClient.AvailabilityChanged)));
        Assert.False(await visitor.InvokeAsync<bool>("GetAvailability"));

        var petrov = await nodes.AgentAsync(a, "m.petrov");

        await availability.WaitForAsync(online => online);
        await seenByOrlov.WaitForAsync(p => p.Login == "m.petrov" && p.Available);
        var onB = await orlov.InvokeAsync<PresenceSnapshot>("GetPresence");
        var onA = await petrov.InvokeAsync<PresenceSnapshot>("GetPresence");
        Assert.Equal(onA, onB, new SnapshotComparer());
        Assert.Contains(onA.Agents, p => p.Login == "m.petrov" && p.Available && p.Status == AgentStatus.Online);
        Assert.Contains(onA.Agents, p => p.Login == "s.orlov" && !p.Available && p.Status == AgentStatus.Offline);
        Assert.Contains(onA.Visitors, v => v.ConversationId == session.ConversationId && v.VisitorName == "Ольга");

        await petrov.InvokeAsync<AgentPresence?>("SetStatus", AgentStatus.Away);

        await seenByOrlov.WaitForAsync(p => p.Login == "m.petrov" && p.Status == AgentStatus.Away && !p.Available);
        await availability.WaitForAsync(online => !online);
    }

    [Fact]
    public async Task An_agent_whose_node_dies_stops_being_available_within_the_entry_lifetime()
    {
        await using var nodes = await Nodes.CreateAsync();
        var a = await nodes.StartAsync();
        var b = await nodes.StartAsync();
        EventLog<AgentPresence> seenByOrlov = null!;
        var orlov = await nodes.AgentAsync(b, "s.orlov", c => seenByOrlov = c.Record<AgentPresence>(nameof(IAgentClient.PresenceChanged)));
        await nodes.AgentAsync(a, "m.petrov");
        await seenByOrlov.WaitForAsync(p => p.Login == "m.petrov" && p.Available);

        // Node A stops renewing and runs no clean-up: what a killed process looks like from Redis.
        await a.Services.GetRequiredService<PresenceWatcher>().StopAsync(CancellationToken.None);

        var gone = await seenByOrlov.WaitForAsync(p => p.Login == "m.petrov" && !p.Connected);
        Assert.False(gone.Available);
        var snapshot = await orlov.InvokeAsync<PresenceSnapshot>("GetPresence");
        Assert.DoesNotContain(snapshot.Agents, p => p.Login == "m.petrov");
    }

    [Fact]
    public async Task Looks_that_fail_unexpectedly_cost_those_looks_and_not_the_node()
    {
        var failures = new InjectedFailures(nameof(IPresence.LiveAsync));
        await using var nodes = await Nodes.CreateAsync();
        var a = await nodes.StartAsync(failures.Install<IPresence>);
        EventLog<AgentPresence> seenByOrlov = null!;
        await nodes.AgentAsync(a, "s.orlov", c => seenByOrlov = c.Record<AgentPresence>(nameof(IAgentClient.PresenceChanged)));
        await seenByOrlov.WaitForAsync(p => p.Login == "s.orlov" && p.Available);

        // What the Redis client threw when Redis restarted under a look (before, the watcher's loop ended and took the host with it).
        failures.Arm(3);
        await failures.Spent.WaitAsync(TimeSpan.FromSeconds(30));
        await nodes.AgentAsync(a, "m.petrov");

        await seenByOrlov.WaitForAsync(p => p.Login == "m.petrov" && p.Available);
        Assert.False(a.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task A_visitor_who_closes_the_widget_leaves_the_consoles_list()
    {
        await using var nodes = await Nodes.CreateAsync();
        var a = await nodes.StartAsync();
        EventLog<VisitorPresence> visitors = null!;
        await nodes.AgentAsync(a, "cc.ivanova", c => visitors = c.Record<VisitorPresence>(nameof(IAgentClient.VisitorPresenceChanged)));
        var (session, visitor) = await nodes.VisitorAsync(a);
        await visitors.WaitForAsync(v => v.ConversationId == session.ConversationId && v.Online);

        await visitor.StopAsync();

        await visitors.WaitForAsync(v => v.ConversationId == session.ConversationId && !v.Online);
    }

    private sealed class SnapshotComparer : IEqualityComparer<PresenceSnapshot>
    {
        public bool Equals(PresenceSnapshot? x, PresenceSnapshot? y) =>
            x!.Agents.SequenceEqual(y!.Agents) && x.Visitors.SequenceEqual(y.Visitors);

        public int GetHashCode(PresenceSnapshot obj) => obj.Agents.Count;
    }
}
