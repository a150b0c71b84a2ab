using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Chat.Server.Hosting;

/// <summary>
/// Limits what one node and one client may hold or do: hub connections per node (below the
/// process's open-file limit) and per address, and hub calls per connection, per visitor session (so that
/// reconnecting does not start the count over) and per address.
/// The ASP.NET rate limiter does not see hub calls, so this is a hub filter. Each refusal has
/// its code and is logged once per connection, not once per call.
/// </summary>
public sealed partial class ConnectionGuard : IDisposable
{
    private readonly ConcurrentDictionary<string, int> perAddress = new();
    private readonly PartitionedRateLimiter<string> connectionCalls;
    private readonly PartitionedRateLimiter<string> addressCalls;
    private readonly PartitionedRateLimiter<string> sessionCalls;
    private readonly SecurityOptions options;
    private readonly ILogger<ConnectionGuard> logger;
    private int connections;

    public ConnectionGuard(IOptions<SecurityOptions> options, ILogger<ConnectionGuard> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        Capacity = Math.Min(this.options.MaxConnections, OpenFileLimit() - 512);
        // The partitions' factories are made once: the limiters ask for a partition on every call (and
        // RateLimitPartition.GetTokenBucketLimiter would wrap its factory in a new delegate each time). The buckets are
        // refilled by their limiter's one heartbeat, not by a timer each (AutoReplenishment off), and a bucket left full
        // for 10 s is dropped: an idle widget holds none.
        Func<string, RateLimiter> ownBucket = _ => new TokenBucketRateLimiter(Bucket(1));
        Func<string, RateLimiter> addressBucket = _ => new TokenBucketRateLimiter(Bucket(10));
        connectionCalls = PartitionedRateLimiter.Create<string, string>(connection => new RateLimitPartition<string>(connection, ownBucket));
        addressCalls = PartitionedRateLimiter.Create<string, string>(address => new RateLimitPartition<string>(address, addressBucket));
        sessionCalls = PartitionedRateLimiter.Create<string, string>(session => new RateLimitPartition<string>(session, ownBucket));
        if (Capacity < this.options.MaxConnections)
        {
            LogCapacityLowered(logger, this.options.MaxConnections, Capacity);
        }
    }

    /// <summary>The most hub connections this node holds at once.</summary>
    public int Capacity { get; }

    public int Connections => Volatile.Read(ref connections);

    /// <summary>The refusal code for a new connection from <paramref name="address"/>, or null when it may connect.</summary>
    public string? RefuseConnection(IPAddress? address)
    {
        if (Connections >= Capacity)
        {
            return ErrorCodes.ServerFull;
        }

        return perAddress.GetValueOrDefault(Key(address)) >= options.MaxConnectionsPerAddress ? ErrorCodes.RateLimited : null;
    }

    public void Connected(HubCallerContext context)
    {
        var address = Key(context.GetHttpContext()?.Connection.RemoteIpAddress);
        var refusal = RefuseConnection(context.GetHttpContext()?.Connection.RemoteIpAddress);
        if (refusal is not null)
        {
            LogConnectionRefused(logger, refusal, address);
            throw new HubException(ErrorCodes.Format(refusal, refusal == ErrorCodes.ServerFull ? "The server is full; retry shortly." : "Too many connections from your address."));
        }

        Interlocked.Increment(ref connections);
        perAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        ConnectionState.Of(context).Limits = new Limits(address, context.User?.FindFirst(Caller.ConversationClaim)?.Value);
    }

    public void Disconnected(HubCallerContext context)
    {
        var state = ConnectionState.Of(context);
        if (state.Limits is { } limits)
        {
            state.Limits = null;
            Interlocked.Decrement(ref connections);
            perAddress.AddOrUpdate(limits.Address, 0, (_, n) => n - 1);
            perAddress.TryRemove(KeyValuePair.Create(limits.Address, 0));
        }
    }

    /// <summary>Takes a token for one hub call, or throws <c>rate_limited</c>.</summary>
    public void Call(HubCallerContext context)
    {
        var state = ConnectionState.Of(context);
        var (address, conversation) = state.Limits!;
        using var own = connectionCalls.AttemptAcquire(context.ConnectionId);
        using var session = own.IsAcquired && conversation is not null ? sessionCalls.AttemptAcquire(conversation) : null;
        using var shared = own.IsAcquired && session is null or { IsAcquired: true } ? addressCalls.AttemptAcquire(address) : null;
        if (shared is { IsAcquired: true })
        {
            return;
        }

        if (!state.CallsLimitedLogged)
        {
            state.CallsLimitedLogged = true;
            LogCallsLimited(logger, context.ConnectionId, address);
        }

        throw new HubException(ErrorCodes.Format(ErrorCodes.RateLimited, "Too many requests; slow down and retry."));
    }

    public void Dispose()
    {
        connectionCalls.Dispose();
        addressCalls.Dispose();
        sessionCalls.Dispose();
    }

    private TokenBucketRateLimiterOptions Bucket(int scale) => new()
    {
        TokenLimit = options.HubCallBurst * scale,
        TokensPerPeriod = options.HubCallsPerSecond * scale,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    private static string Key(IPAddress? address) => address?.ToString() ?? "unknown";

    /// <summary>A connection's address and visitor session as the shared buckets are keyed, read once when it connects.</summary>
    public sealed record Limits(string Address, string? Conversation);

    /// <summary>The soft open-file limit of this process (Linux), or a large number where it cannot be read.</summary>
    private static int OpenFileLimit()
    {
        const string Limits = "/proc/self/limits";
        if (!File.Exists(Limits))
        {
            return int.MaxValue;
        }

        var line = File.ReadLines(Limits).FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(3);
        return int.TryParse(soft, NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) ? limit : int.MaxValue;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat:Security:MaxConnections {Configured} is above what the open-file limit allows; this node holds at most {Capacity}")]
    private static partial void LogCapacityLowered(ILogger logger, int configured, int capacity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a hub connection from {Address}: {ErrorCode}")]
    private static partial void LogConnectionRefused(ILogger logger, string errorCode, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub calls of connection {ConnectionId} from {Address} are being rate limited")]
    private static partial void LogCallsLimited(ILogger logger, string connectionId, string address);
}

/// <summary>Applies <see cref="ConnectionGuard"/> to every hub connection and call.</summary>
public sealed class ConnectionGuardFilter(ConnectionGuard guard) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        guard.Call(invocationContext.Context);
        return next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        guard.Connected(context.Context);
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        guard.Disconnected(context.Context);
        return next(context, exception);
    }
}
