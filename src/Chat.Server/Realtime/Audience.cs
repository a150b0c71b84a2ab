namespace Chat.Server.Realtime;

/// <summary>Whose connections an <see cref="Audience"/> is made of.</summary>
public enum AudienceKind
{
    /// <summary>The visitor's widgets of one conversation (the visitor hub).</summary>
    ConversationVisitors,

    /// <summary>The consoles that opened one conversation.</summary>
    ConversationAgents,

    /// <summary>Every console.</summary>
    AllAgents,

    /// <summary>The consoles of one staff login.</summary>
    Staff,

    /// <summary>The consoles of one department's members.</summary>
    Pool,

    /// <summary>The consoles of supervisors and administrators.</summary>
    Supervisors,

    /// <summary>The consoles of administrators.</summary>
    Administrators,
}

/// <summary>
/// The one list of who hears a push: a set of connections on every node, joined by <see cref="LiveFeed.Follow"/>.
/// It takes the place of SignalR's group and user names, so they are spelled in one place only.
/// </summary>
public readonly record struct Audience(AudienceKind Kind, Guid Conversation = default, string? Name = null)
{
    public static readonly Audience AllAgents = new(AudienceKind.AllAgents);

    public static readonly Audience Supervisors = new(AudienceKind.Supervisors);

    public static readonly Audience Administrators = new(AudienceKind.Administrators);

    /// <summary>Audiences of the visitor hub; every other audience is of the agent hub.</summary>
    public bool IsVisitors => Kind == AudienceKind.ConversationVisitors;

    public static Audience Visitors(Guid conversationId) => new(AudienceKind.ConversationVisitors, conversationId);

    public static Audience Agents(Guid conversationId) => new(AudienceKind.ConversationAgents, conversationId);

    public static Audience Staff(string login) => new(AudienceKind.Staff, Name: login);

    public static Audience Pool(string department) => new(AudienceKind.Pool, Name: department);
}
