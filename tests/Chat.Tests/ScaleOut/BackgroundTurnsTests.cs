using Chat.Server.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using StackExchange.Redis;

namespace Chat.Tests.ScaleOut;

/// <summary>
/// The rule every background loop's turn follows (presence, the offline queue, webhooks, the mail sender, the operations
/// figures): a failed turn is logged and costs only that turn; only the node's own shutdown ends a loop.
/// </summary>
[Trait("Area", "ScaleOut")]
public sealed class BackgroundTurnsTests
{
    private readonly FakeLogger logger = new();

    [Fact]
    public async Task A_turn_that_works_is_reported_as_done_and_logs_nothing()
    {
        var ran = false;

        var done = await BackgroundTurns.TryAsync("presence", logger, () => Task.FromResult(ran = true), CancellationToken.None);

        Assert.True(done);
        Assert.True(ran);
        Assert.Equal(0, logger.Collector.Count);
    }

    [Fact]
    public async Task A_store_that_is_down_costs_the_turn_and_is_logged_quietly_by_its_type()
    {
        Exception[] outages =
        [
            new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is active/available", null, CommandStatus.WaitingToBeSent),
            new RedisTimeoutException(CommandFlags.None, "Timeout performing ZRANGEBYSCORE", CommandStatus.Sent),
            new SqliteException("database is locked", 5),
        ];

        foreach (var outage in outages)
        {
            Assert.False(await BackgroundTurns.TryAsync("offline-queue", logger, () => throw outage, CancellationToken.None));
        }

        Assert.All(logger.Collector.GetSnapshot(), record =>
        {
            Assert.Equal(LogLevel.Debug, record.Level);
            Assert.Null(record.Exception);
            Assert.Equal("offline-queue", record.GetStructuredStateValue("Loop"));
        });
        Assert.Equal(["RedisConnectionException", "RedisTimeoutException", "SqliteException"], logger.Collector.GetSnapshot().Select(r => r.GetStructuredStateValue("Reason")));
    }

    [Fact]
    public async Task Anything_else_costs_the_turn_and_is_logged_as_an_error_with_its_exception()
    {
        // What the Redis client 2.x threw when Redis restarted under a write, and a timeout's cancellation that is not the
        // node's shutdown (before, the mail sender's and the operations figures' loops ended on it, and the host with them).
        Exception[] failures = [new InvalidOperationException("Writing is not allowed after writer was completed."), new TaskCanceledException("The request timed out.")];

        foreach (var failure in failures)
        {
            Assert.False(await BackgroundTurns.TryAsync("mailbox-send:support", logger, () => throw failure, CancellationToken.None));
        }

        var records = logger.Collector.GetSnapshot();
        Assert.Equal(failures, records.Select(r => r.Exception));
        Assert.All(records, record =>
        {
            Assert.Equal(LogLevel.Error, record.Level);
            Assert.Equal("mailbox-send:support", record.GetStructuredStateValue("Loop"));
        });
    }

    [Fact]
    public async Task The_nodes_shutdown_passes_through_and_is_not_logged()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            BackgroundTurns.TryAsync("webhooks", logger, () => Task.Delay(Timeout.Infinite, stopping.Token), stopping.Token));

        Assert.Equal(0, logger.Collector.Count);
    }
}
