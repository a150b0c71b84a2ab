using StackExchange.Redis;

namespace Chat.Server.Hosting;

/// <summary>
/// Every Redis key the server uses, in one place. The database the features get adds the deployment's
/// <c>Chat:Redis:KeyPrefix</c> and a colon in front of each (<c>chat:presence:agent</c> by default).
/// </summary>
internal static class RedisKeys
{
    /// <summary>Sorted set of live connections of one kind (agent, visitor); the score is the expiry in Unix milliseconds.</summary>
    public static RedisKey PresenceEntries(string kind) => $"presence:{kind.ToLowerInvariant()}";

    /// <summary>
    /// A random value written anew whenever the members of <see cref="PresenceEntries"/> of the kind change (an entry
    /// added, removed or expired; a renewal that only moves expiries leaves it), so a node's look can skip an unchanged set.
    /// </summary>
    public static RedisKey PresenceVersion(string kind) => $"presence:{kind.ToLowerInvariant()}:version";

    /// <summary>Hash: agent login → status set in the console.</summary>
    public static readonly RedisKey AgentStatuses = "presence:status";

    /// <summary>Stream of queued item ids for one target (<c>staff:login</c> or <c>pool:department</c>).</summary>
    public static RedisKey QueueStream(string target) => $"queue:{target}";

    /// <summary>Hash: queued item id → "stream key|entry id", so an item is in at most one stream once.</summary>
    public static readonly RedisKey QueueIndex = "queue:index";

    /// <summary>The consumer group every queue stream has; consumers are agent logins.</summary>
    public const string QueueGroup = "consoles";

    /// <summary>Counter of attempts at one limited key (an identification per session or address) in one fixed window.</summary>
    public static RedisKey Attempts(string key, long window) => $"attempts:{key}:{window}";
}
