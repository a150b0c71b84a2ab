using Chat.Contracts;

namespace Chat.Server.Presence;

/// <summary>Who holds a connection.</summary>
public enum PresenceKind
{
    Agent,
    Visitor,
}

/// <summary>One live connection: an agent (<see cref="Id"/> is the login) or a visitor (the conversation id), and a name to show.</summary>
public sealed record PresenceEntry(PresenceKind Kind, string Id, string ConnectionId, string Name);

/// <summary>
/// Presence shared by every node. Each connection is an entry that counts only until its expiry: the
/// node holding the connection renews it, so a node that dies stops counting by itself, with no clean-up.
/// </summary>
public interface IPresence
{
    /// <summary>Adds the entries, or moves their expiry to <paramref name="expiresAt"/>.</summary>
    Task RenewAsync(IReadOnlyCollection<PresenceEntry> entries, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Removes an entry at once (a clean close).</summary>
    Task RemoveAsync(PresenceEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// The entries of <paramref name="kind"/> that have not expired at <paramref name="now"/>: the same list, by reference,
    /// for as long as none was added, removed or expired, so a caller may skip its work on an unchanged one (a node's look
    /// every second at thousands of idle widgets would otherwise rebuild them all).
    /// </summary>
    Task<IReadOnlyList<PresenceEntry>> LiveAsync(PresenceKind kind, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the status an agent set in the console; it outlives their connections.</summary>
    Task SetStatusAsync(string login, AgentStatus status, CancellationToken cancellationToken);

    /// <summary>Every status set so far, by login; an agent without one is <see cref="AgentStatus.Online"/>.</summary>
    Task<IReadOnlyDictionary<string, AgentStatus>> StatusesAsync(CancellationToken cancellationToken);
}
