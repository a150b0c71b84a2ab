using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace Chat.Server.Hosting;

/// <summary>
/// The one rule for a turn of every background loop (presence, the offline queue, webhooks, the mail sender, the operations
/// figures): a turn that throws costs that turn and never the node — a loop that ended would stop the host, which is what
/// <see cref="BackgroundService"/> does with an exception. A store that is down (Redis, the database) is expected and logged at
/// Debug: Redis's outage is logged once by <see cref="RedisConnectivity"/>, the database's by the health checks. Anything
/// else is logged as an error with its exception. Only the cancellation of the node's shutdown passes through.
/// </summary>
public static partial class BackgroundTurns
{
    /// <summary>Runs one turn of <paramref name="loop"/>; false when it failed (and was logged).</summary>
    public static async Task<bool> TryAsync(string loop, ILogger logger, Func<Task> turn, CancellationToken stoppingToken)
    {
        try
        {
            await turn();
            return true;
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or DbException or DbUpdateException)
        {
            LogStoreDown(logger, loop, e.GetType().Name);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, e, loop);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A turn of {Loop} failed ({Reason}); the next turn tries again")]
    private static partial void LogStoreDown(ILogger logger, string loop, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A turn of {Loop} failed unexpectedly; the next turn tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception, string loop);
}
