using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Chat.Tests.Api;

/// <summary>
/// The server killed with SIGKILL in the middle of delivering webhooks, then started again: every one of 1,000 stored
/// messages reaches the receiver, a repeat carries the same event id, and each conversation's messages arrive in order.
/// </summary>
[Trait("Area", "Api")]
public sealed class WebhookCrashTests(ITestOutputHelper output)
{
    private const int Visitors = 20;
    private const int MessagesEach = 50;

    [Fact]
    public async Task A_server_killed_mid_delivery_loses_no_event_and_repeats_keep_their_ids()
    {
        await using var redis = await RedisServer.StartAsync();
        var postgres = await (await PostgresServer.Shared).CreateDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync(_ => ReceiverAnswer.Slow);
        var settings = WebhookSettings.Overrides.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        await using var node = new ServerNode(postgres, redis.ConnectionString, settings);
        await node.StartAsync();
        var webhook = await Webhooks.CreateAsync(node.Address, receiver.Url, WebhookEvents.MessageStored);
        await Task.Delay(TimeSpan.FromMilliseconds(300));

        var conversations = await Task.WhenAll(Enumerable.Range(0, Visitors).Select(async _ =>
        {
            var session = await TestClients.StartVisitorSessionAsync(node.Address);
            await using var hub = TestClients.VisitorConnection(node.Address, session.Token);
            await hub.StartAsync();
            for (var i = 0; i < MessagesEach; i++)
            {
                await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), $"Сообщение {i + 1}"));
            }

            return session.ConversationId;
        }));

        await receiver.WaitForAsync(r => r.Count >= 200);
        node.Kill();
        var beforeKill = receiver.Received.Count;
        Assert.True(beforeKill < Visitors * MessagesEach, $"all {beforeKill} were delivered before the kill");
        await node.StartAsync();

        var all = await receiver.WaitForAsync(r => r.Select(Key).Distinct().Count() == Visitors * MessagesEach, TimeSpan.FromSeconds(90));
        output.WriteLine($"{all.Count} deliveries of {Visitors * MessagesEach} events, {beforeKill} before the kill");
        Assert.All(all, e => Assert.True(e.SignedWith(webhook.Secret)));
        Assert.All(all.GroupBy(e => e.Id), g => Assert.Single(g.Select(Key).Distinct()));
        Assert.All(all.GroupBy(Key), g => Assert.Single(g.Select(e => e.Id).Distinct()));
        foreach (var conversation in conversations)
        {
            var firsts = all.Where(e => e.ConversationId == conversation).Select(e => e.Data.GetProperty("sequence").GetInt64()).Distinct().ToList();
            Assert.Equal(Enumerable.Range(1, MessagesEach).Select(i => (long)i), firsts);
        }

        static (Guid?, long) Key(ReceivedEvent e) => (e.ConversationId, e.Data.GetProperty("sequence").GetInt64());
    }
}
