using Chat.Contracts;
using Chat.Server.Hosting;
using StackExchange.Redis;

namespace Chat.Server.Presence;

/// <summary>
/// Presence in Redis, shared by every node: one sorted set per kind whose members are the connections and
/// whose scores are their expiry (Unix milliseconds). Reading ignores, and drops, what has expired.
/// </summary>
public sealed class RedisPresence(IDatabase db) : IPresence
{
    private const char Separator = '\u001f';

    public async Task RenewAsync(IReadOnlyCollection<PresenceEntry> entries, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        foreach (var kind in entries.GroupBy(e => e.Kind))
        {
            var members = kind.Select(e => new SortedSetEntry(Member(e), expiresAt.ToUnixTimeMilliseconds())).ToArray();
            await db.SortedSetAddAsync(RedisKeys.PresenceEntries(kind.Key.ToString()), members);
        }
    }

    public async Task RemoveAsync(PresenceEntry entry, CancellationToken cancellationToken) =>
        await db.SortedSetRemoveAsync(RedisKeys.PresenceEntries(entry.Kind.ToString()), Member(entry));

    public async Task<IReadOnlyList<PresenceEntry>> LiveAsync(PresenceKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = RedisKeys.PresenceEntries(kind.ToString());
        var nowMs = now.ToUnixTimeMilliseconds();
        var batch = db.CreateBatch();
        var prune = batch.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, nowMs);
        var live = batch.SortedSetRangeByScoreAsync(key, nowMs, double.PositiveInfinity, Exclude.Start);
        batch.Execute();
        await prune;
        return [.. (await live).Select(m => Parse(kind, m!))];
    }

    public async Task SetStatusAsync(string login, AgentStatus status, CancellationToken cancellationToken) =>
        await db.HashSetAsync(RedisKeys.AgentStatuses, login, status.ToString());

    public async Task<IReadOnlyDictionary<string, AgentStatus>> StatusesAsync(CancellationToken cancellationToken)
    {
        var all = await db.HashGetAllAsync(RedisKeys.AgentStatuses);
        var statuses = new Dictionary<string, AgentStatus>(StringComparer.Ordinal);
        foreach (var field in all)
        {
            if (Enum.TryParse<AgentStatus>(field.Value.ToString(), out var status))
            {
                statuses[field.Name.ToString()] = status;
            }
        }

        return statuses;
    }

    private static string Member(PresenceEntry entry) => string.Join(Separator, entry.Id, entry.ConnectionId, entry.Name);

    private static PresenceEntry Parse(PresenceKind kind, string member)
    {
        var parts = member.Split(Separator, 3);
        return new PresenceEntry(kind, parts[0], parts[1], parts.Length > 2 ? parts[2] : string.Empty);
    }
}
