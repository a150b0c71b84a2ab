using System.Collections.Concurrent;
using Chat.Contracts;

namespace Chat.Server.Presence;

/// <summary>
/// The embedded default: presence of the one node, in memory, with the same expiry rules as Redis, and the same list
/// answered while nobody came, left or expired.
/// </summary>
public sealed class InProcessPresence : IPresence
{
    private readonly ConcurrentDictionary<(PresenceKind Kind, string ConnectionId), (PresenceEntry Entry, DateTimeOffset ExpiresAt)> live = new();
    private readonly ConcurrentDictionary<string, AgentStatus> statuses = new(StringComparer.Ordinal);
    private readonly Read?[] last = new Read?[Enum.GetValues<PresenceKind>().Length];
    private long version;

    public Task RenewAsync(IReadOnlyCollection<PresenceEntry> entries, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            // The version moves after the change, as a reader takes it before reading the entries.
            var key = (entry.Kind, entry.ConnectionId);
            var added = !live.TryGetValue(key, out var known) || known.Entry != entry;
            live[key] = (entry, expiresAt);
            if (added)
            {
                Interlocked.Increment(ref version);
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(PresenceEntry entry, CancellationToken cancellationToken)
    {
        if (live.TryRemove((entry.Kind, entry.ConnectionId), out _))
        {
            Interlocked.Increment(ref version);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PresenceEntry>> LiveAsync(PresenceKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var expired in live.Where(e => e.Value.ExpiresAt <= now))
        {
            if (live.TryRemove(expired))
            {
                Interlocked.Increment(ref version);
            }
        }

        var seen = Interlocked.Read(ref version);
        if (last[(int)kind] is { } known && known.Version == seen)
        {
            return Task.FromResult(known.Entries);
        }

        IReadOnlyList<PresenceEntry> current = [.. live.Values.Where(e => e.Entry.Kind == kind && e.ExpiresAt > now).Select(e => e.Entry)];
        last[(int)kind] = new Read(seen, current);
        return Task.FromResult(current);
    }

    public Task SetStatusAsync(string login, AgentStatus status, CancellationToken cancellationToken)
    {
        statuses[login] = status;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, AgentStatus>> StatusesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, AgentStatus>>(new Dictionary<string, AgentStatus>(statuses, StringComparer.Ordinal));

    /// <summary>What a read found, under the version it was read at.</summary>
    private sealed record Read(long Version, IReadOnlyList<PresenceEntry> Entries);
}
