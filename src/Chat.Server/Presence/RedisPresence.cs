using Chat.Contracts;
using Chat.Server.Hosting;
using StackExchange.Redis;

namespace Chat.Server.Presence;

/// <summary>
/// Presence in Redis, shared by every node: one sorted set per kind whose members are the connections and
/// whose scores are their expiry (Unix milliseconds). Reading ignores, and drops, what has expired. Whoever changes
/// the members writes a new random version beside them (after the change), and a read whose version has not moved
/// answers with the list it read before: a look costs two small commands while nobody comes or goes.
/// </summary>
public sealed class RedisPresence(IDatabase db) : IPresence
{
    private const char Separator = '\u001f';

    private readonly Read?[] last = new Read?[Enum.GetValues<PresenceKind>().Length];

    public async Task RenewAsync(IReadOnlyCollection<PresenceEntry> entries, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        foreach (var kind in entries.GroupBy(e => e.Kind))
        {
            var members = kind.Select(e => new SortedSetEntry(Member(e), expiresAt.ToUnixTimeMilliseconds())).ToArray();
            if (await db.SortedSetAddAsync(RedisKeys.PresenceEntries(kind.Key.ToString()), members) > 0)
            {
                await NewVersionAsync(kind.Key);
            }
        }
    }

    public async Task RemoveAsync(PresenceEntry entry, CancellationToken cancellationToken)
    {
        if (await db.SortedSetRemoveAsync(RedisKeys.PresenceEntries(entry.Kind.ToString()), Member(entry)))
        {
            await NewVersionAsync(entry.Kind);
        }
    }

    public async Task<IReadOnlyList<PresenceEntry>> LiveAsync(PresenceKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = RedisKeys.PresenceEntries(kind.ToString());
        var nowMs = now.ToUnixTimeMilliseconds();
        var batch = db.CreateBatch();
        var prune = batch.SortedSetRemoveRangeByScoreAsync(key, double.NegativeInfinity, nowMs);
        var read = batch.StringGetAsync(RedisKeys.PresenceVersion(kind.ToString()));
        batch.Execute();
        var version = (await prune) > 0 ? await NewVersionAsync(kind) : (string?)await read;
        if (last[(int)kind] is { } known && version is not null && known.Version == version)
        {
            return known.Entries;
        }

        // The version is read before the members: a change after it is in the members and moves the version again,
        // so the next read reads them anew.
        IReadOnlyList<PresenceEntry> entries = [.. (await db.SortedSetRangeByScoreAsync(key, nowMs, double.PositiveInfinity, Exclude.Start)).Select(m => Parse(kind, m!))];
        if (version is not null)
        {
            last[(int)kind] = new Read(version, entries);
        }

        return entries;
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

    /// <summary>Marks the members of <paramref name="kind"/> changed: a random value, which a restarted Redis cannot repeat.</summary>
    private async Task<string> NewVersionAsync(PresenceKind kind)
    {
        var version = Guid.NewGuid().ToString("N");
        await db.StringSetAsync(RedisKeys.PresenceVersion(kind.ToString()), version);
        return version;
    }

    private static string Member(PresenceEntry entry) => string.Join(Separator, entry.Id, entry.ConnectionId, entry.Name);

    private static PresenceEntry Parse(PresenceKind kind, string member)
    {
        var parts = member.Split(Separator, 3);
        return new PresenceEntry(kind, parts[0], parts[1], parts.Length > 2 ? parts[2] : string.Empty);
    }

    /// <summary>What a read found, under the version it was read at.</summary>
    private sealed record Read(string Version, IReadOnlyList<PresenceEntry> Entries);
}
