using System.Net;
using Chat.Contracts;
using Chat.Server.OfflineQueue;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chat.Tests.OfflineQueue;

/// <summary>Delivery of queued items at least once, over Redis Streams and PostgreSQL, through restarts of either.</summary>
[Trait("Area", "OfflineQueue")]
public sealed class OfflineDeliveryTests
{
    private static async Task<OfflineItem> QueueHandoffAsync(ChatServer server, string manager, Guid conversationId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var items = scope.ServiceProvider.GetRequiredService<OfflineItems>();
        return await items.EnqueueAsync(
            new NewOfflineItem("handoff", QueueTargetKind.Staff, manager, conversationId, """{"account":"ООО Ромашка"}"""), CancellationToken.None);
    }

    private static async Task<OfflineItem> ReadAsync(ChatServer server, Guid itemId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Set<OfflineItem>().AsNoTracking().SingleAsync(i => i.Id == itemId);
    }

    [Fact]
    public async Task A_handoff_for_an_offline_manager_is_delivered_when_they_connect_and_again_until_acknowledged()
    {
        await using var nodes = await Nodes.CreateAsync();
        var server = await nodes.StartAsync();
        var (session, _) = await nodes.VisitorAsync(server);
        var queued = await QueueHandoffAsync(server, "m.petrov", session.ConversationId);

        EventLog<QueuedItem> delivered = null!;
        var petrov = await nodes.AgentAsync(server, "m.petrov", c => delivered = c.Record<QueuedItem>(nameof(IAgentClient.QueuedItemDelivered)));
        var first = await delivered.WaitForAsync(i => i.Id == queued.Id);
        Assert.Equal("handoff", first.Kind);
        Assert.Equal(session.ConversationId, first.ConversationId);
        Assert.Equal(1, first.Attempt);

        // The console never acknowledged: after the redelivery time it comes again, with the same id.
        var again = await delivered.WaitForAsync(i => i.Id == queued.Id && i.Attempt == 2);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal([queued.Id], delivered.Items.Select(i => i.Id).Distinct());

        await petrov.InvokeAsync("AcknowledgeDelivery", queued.Id);

        Assert.Equal(QueuedItemState.Acknowledged, (await ReadAsync(server, queued.Id)).State);
        var queue = server.Services.GetRequiredService<IOfflineQueue>();
        Assert.Empty(await queue.TakeAsync("staff:m.petrov", "probe", 10, TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Delivery_turns_that_fail_unexpectedly_are_retried_and_the_node_keeps_running()
    {
        var failures = new InjectedFailures(nameof(IOfflineQueue.TakeAsync));
        await using var nodes = await Nodes.CreateAsync();
        var server = await nodes.StartAsync(failures.Install<IOfflineQueue>);
        var (session, _) = await nodes.VisitorAsync(server);
        EventLog<QueuedItem> delivered = null!;
        await nodes.AgentAsync(server, "m.petrov", c => delivered = c.Record<QueuedItem>(nameof(IAgentClient.QueuedItemDelivered)));

        // What the Redis client throws when Redis restarts under a call (before, the dispatcher's loop ended and took the host with it).
        failures.Arm(3);
        await failures.Spent.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = await QueueHandoffAsync(server, "m.petrov", session.ConversationId);

        var item = await delivered.WaitForAsync(i => i.Id == queued.Id);
        Assert.Equal(1, item.Attempt);
        Assert.False(server.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task Acknowledging_an_unknown_item_is_refused_with_its_code()
    {
        await using var nodes = await Nodes.CreateAsync();
        var server = await nodes.StartAsync();
        var petrov = await nodes.AgentAsync(server, "m.petrov");

        var error = await Assert.ThrowsAsync<HubException>(() => petrov.InvokeAsync("AcknowledgeDelivery", Guid.NewGuid()));

        Assert.Equal(ErrorCodes.QueuedItemNotFound, ErrorCodes.Parse(error.Message));
    }

    [Fact]
    public async Task A_redis_that_restarts_empty_loses_no_queued_item()
    {
        await using var nodes = await Nodes.CreateAsync();
        var server = await nodes.StartAsync();
        var (session, _) = await nodes.VisitorAsync(server);
        var queued = await QueueHandoffAsync(server, "m.smirnova", session.ConversationId);

        await nodes.Redis.RestartAsync(keepData: false);

        EventLog<QueuedItem> delivered = null!;
        await nodes.AgentAsync(server, "m.smirnova", c => delivered = c.Record<QueuedItem>(nameof(IAgentClient.QueuedItemDelivered)));
        await delivered.WaitForAsync(i => i.Id == queued.Id, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Restarting_the_server_in_the_middle_of_a_delivery_loses_nothing()
    {
        await using var nodes = await Nodes.CreateAsync();
        var first = await nodes.StartAsync();
        var (session, _) = await nodes.VisitorAsync(first);
        var queued = await QueueHandoffAsync(first, "m.petrov", session.ConversationId);
        EventLog<QueuedItem> beforeRestart = null!;
        await nodes.AgentAsync(first, "m.petrov", c => beforeRestart = c.Record<QueuedItem>(nameof(IAgentClient.QueuedItemDelivered)));
        await beforeRestart.WaitForAsync(i => i.Id == queued.Id);

        await nodes.StopAsync(first);
        var second = await nodes.StartAsync();

        EventLog<QueuedItem> afterRestart = null!;
        var petrov = await nodes.AgentAsync(second, "m.petrov", c => afterRestart = c.Record<QueuedItem>(nameof(IAgentClient.QueuedItemDelivered)));
        await afterRestart.WaitForAsync(i => i.Id == queued.Id);
        await petrov.InvokeAsync("AcknowledgeDelivery", queued.Id);
        Assert.Equal(QueuedItemState.Acknowledged, (await ReadAsync(second, queued.Id)).State);
    }

    [Fact]
    public async Task Without_redis_visitors_still_write_ready_says_so_and_all_recovers_when_redis_returns()
    {
        await using var nodes = await Nodes.CreateAsync();
        var server = await nodes.StartAsync();
        var (session, visitor) = await nodes.VisitorAsync(server);
        using var http = TestClients.Http(server.BaseAddress);

        nodes.Redis.Stop();

        await LocalProcess.WaitUntilAsync(
            async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable, "ready turning unhealthy");
        var sent = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Есть кто-нибудь?"));
        Assert.False(sent.Duplicate);
        var resumed = await visitor.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Contains(resumed.Messages, m => m.Id == sent.Message.Id);

        await nodes.Redis.RestartAsync(keepData: false);

        await LocalProcess.WaitUntilAsync(
            async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "ready turning healthy");
        EventLog<QueuedItem> delivered = null!;
        await nodes.AgentAsync(server, "cc.ivanova", c => delivered = c.Record<QueuedItem>(nameof(IAgentClient.QueuedItemDelivered)));
        var item = await delivered.WaitForAsync(i => i.ConversationId == session.ConversationId, TimeSpan.FromSeconds(20));
        Assert.Equal(OfflineItemKinds.VisitorMessage, item.Kind);
        Assert.Equal("call-centre", item.Target);
    }
}
