namespace Chat.Contracts;

/// <summary>What an agent set in the console.</summary>
public enum AgentStatus
{
    Online,
    Away,
    Offline,
}

/// <summary>
/// An agent as the consoles see them. <see cref="Available"/> is true when the status is
/// <see cref="AgentStatus.Online"/>, at least one console is connected and the agent is on shift.
/// </summary>
public sealed record AgentPresence(string Login, string DisplayName, string Department, AgentStatus Status, bool Connected, bool OnShift, bool Available);

/// <summary>A visitor with the widget open (<see cref="Online"/>), or one who just left.</summary>
public sealed record VisitorPresence(Guid ConversationId, string VisitorName, bool Online);

/// <summary>Who is here now: the connected agents and the visitors on the site.</summary>
public sealed record PresenceSnapshot(IReadOnlyList<AgentPresence> Agents, IReadOnlyList<VisitorPresence> Visitors);
