using System.Collections.Concurrent;
using Chat.Contracts;

namespace Chat.Server.Presence;

/// <summary>The embedded default: presence of the one node, in memory, with the same expiry rules as Redis.</summary>
public sealed class InProcessPresence : IPresence
{
    private readonly ConcurrentDictionary<(PresenceKind Kind, string ConnectionId), (PresenceEntry Entry, DateTimeOffset ExpiresAt)> live = new();
    private readonly ConcurrentDictionary<string, AgentStatus> statuses = new(StringComparer.Ordinal);

    public Task RenewAsync(IReadOnlyCollection<PresenceEntry> entries, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            live[(entry.Kind, entry.ConnectionId)] = (entry, expiresAt);
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(PresenceEntry entry, CancellationToken cancellationToken)
    {
        live.TryRemove((entry.Kind, entry.ConnectionId), out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PresenceEntry>> LiveAsync(PresenceKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<PresenceEntry> current = [.. live.Values.Where(e => e.Entry.Kind == kind && e.ExpiresAt > now).Select(e => e.Entry)];
        foreach (var expired in live.Where(e => e.Value.ExpiresAt <= now))
        {
            live.TryRemove(expired);
        }

        return Task.FromResult(current);
    }

    public Task SetStatusAsync(string login, AgentStatus status, CancellationToken cancellationToken)
    {
        statuses[login] = status;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, AgentStatus>> StatusesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, AgentStatus>>(new Dictionary<string, AgentStatus>(statuses, StringComparer.Ordinal));
}
