using Chat.Contracts;
using Chat.Server.Hosting;
using Chat.Server.OfflineQueue;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Chat.Server.Operations;

/// <summary>
/// Reads, every <see cref="TelemetryOptions.SampleInterval"/>, what a gauge cannot read at collection time without a round
/// trip: the offline queue's depth and overdue items (from the database, the queue's truth) and the health checks.
/// </summary>
public sealed class OperationsSampler(
    IServiceScopeFactory scopes,
    HealthCheckService health,
    ChatMetrics metrics,
    TimeProvider clock,
    IOptions<TelemetryOptions> options,
    ILogger<OperationsSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SampleInterval);
        do
        {
            // A turn that fails leaves the gauges at their last values.
            await BackgroundTurns.TryAsync("operations-figures", logger, async () => metrics.Observe(await SampleAsync(stoppingToken)), stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<OperationsSample> SampleAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), cancellationToken);
        var dependencies = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy);
        if (!dependencies.GetValueOrDefault("database"))
        {
            return new OperationsSample(0, 0, dependencies);
        }

        await using var scope = scopes.CreateAsyncScope();
        var items = scope.ServiceProvider.GetRequiredService<ChatDbContext>().Set<OfflineItem>().Where(i => i.State != QueuedItemState.Acknowledged);
        var now = clock.GetUtcNow();
        var depth = await items.LongCountAsync(cancellationToken);
        var overdue = await items.LongCountAsync(i => i.AnsweredAt == null && i.DueAt < now, cancellationToken);
        return new OperationsSample(depth, overdue, dependencies);
    }
}
