using StackExchange.Redis;

namespace Chat.Server.Hosting;

/// <summary>
/// Watches the shared Redis connection and says so, once, when it goes away and when it comes back;
/// <see cref="Restored"/> lets the features that keep state in Redis rebuild it from the database.
/// </summary>
public sealed partial class RedisConnectivity
{
    private readonly ILogger<RedisConnectivity> logger;
    private int down;

    public RedisConnectivity(IConnectionMultiplexer redis, ILogger<RedisConnectivity> logger)
    {
        this.logger = logger;
        redis.ConnectionFailed += (_, e) => OnFailed(e);
        redis.ConnectionRestored += (_, e) => OnRestored(e);
    }

    /// <summary>Raised once each time the connection comes back after a failure.</summary>
    public event Action? Restored;

    public bool IsDown => Volatile.Read(ref down) == 1;

    private void OnFailed(ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref down, 1) == 0)
        {
            LogLost(logger, e.Exception, e.EndPoint?.ToString(), e.FailureType);
        }
    }

    private void OnRestored(ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Interactive && Interlocked.Exchange(ref down, 0) == 1)
        {
            LogRestored(logger, e.EndPoint?.ToString());
            Restored?.Invoke();
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error,
        Message = "Redis at {Endpoint} is unreachable ({FailureType}): presence and the offline queue wait for it; messages are still stored in the database")]
    private static partial void LogLost(ILogger logger, Exception? exception, string? endpoint, ConnectionFailureType failureType);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Redis at {Endpoint} is back; presence and the offline queue are rebuilt")]
    private static partial void LogRestored(ILogger logger, string? endpoint);
}
