using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Chat.Server.Hosting;

/// <summary>Counts attempts per key in fixed time windows, for limits that must hold across every node.</summary>
public interface IAttemptWindows
{
    /// <summary>Counts one attempt at <paramref name="key"/>; false when more than <paramref name="permits"/> fell in the current window.</summary>
    Task<bool> TryAttemptAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>The embedded default: fixed windows in this process (System.Threading.RateLimiting).</summary>
public sealed class InProcessAttemptWindows : IAttemptWindows, IDisposable
{
    private readonly PartitionedRateLimiter<(string Key, int Permits, TimeSpan Window)> limiter =
        PartitionedRateLimiter.Create<(string Key, int Permits, TimeSpan Window), (string, int, TimeSpan)>(partition =>
            RateLimitPartition.GetFixedWindowLimiter(partition, p => new FixedWindowRateLimiterOptions
            {
                PermitLimit = p.Item2,
                Window = p.Item3,
                QueueLimit = 0,
            }));

    public Task<bool> TryAttemptAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        using var lease = limiter.AttemptAcquire((key, permits, window));
        return Task.FromResult(lease.IsAcquired);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// Fixed windows in Redis, shared by every node: one counter per key and window (INCR, expiring with the window).
/// While Redis is unreachable the node counts on its own, so the limit still holds per node.
/// </summary>
public sealed class RedisAttemptWindows(IDatabase db, TimeProvider clock) : IAttemptWindows, IDisposable
{
    private readonly InProcessAttemptWindows fallback = new();

    public async Task<bool> TryAttemptAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        var index = clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
        var counter = RedisKeys.Attempts(key, index);
        try
        {
            var count = await db.StringIncrementAsync(counter);
            if (count == 1)
            {
                await db.KeyExpireAsync(counter, window);
            }

            return count <= permits;
        }
        catch (RedisException)
        {
            return await fallback.TryAttemptAsync(key, permits, window, cancellationToken);
        }
    }

    public void Dispose() => fallback.Dispose();
}
