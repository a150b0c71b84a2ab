using Chat.Contracts;

namespace Chat.Server.Storage;

/// <summary>One visitor's conversation. <see cref="LastSequence"/> is the sequence number of its newest message.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    public Guid VisitorId { get; set; }
    public required string VisitorName { get; set; }
    public required string Language { get; set; }
    public ConversationStatus Status { get; set; }
    public long LastSequence { get; set; }
    public string? LastText { get; set; }

    /// <summary>The login of the agent who took the conversation (the first to reply); null while it waits in the queue.</summary>
    public string? AssignedTo { get; set; }
    /// <summary>The department whose queue holds the conversation after a transfer; null for the shared queue.</summary>
    public string? Department { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it was last closed; with the handling time, the preparation minutes and the client's company (R9).</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    public double HandlingSeconds { get; set; }
    public int PreparationMinutes { get; set; }
    public string? Company { get; set; }

    /// <summary>The visitor has read the agents' messages up to this sequence; it only grows.</summary>
    public long VisitorReadSequence { get; set; }

    /// <summary>An agent has read the visitor's messages up to this sequence; it only grows.</summary>
    public long AgentReadSequence { get; set; }

    /// <summary>The topic (a key of <c>Chat:Policy:Topics</c>) the visitor's latest recognised message is about; null until one is.</summary>
    public string? Topic { get; set; }

    /// <summary>Where the visitor writes from: <c>chat</c> (the widget) or <c>email</c> (a mailbox), see <c>ConversationChannels</c>.</summary>
    public string Channel { get; set; } = "chat";

    public ConversationSummary ToSummary() => new(Id, VisitorName, Status, LastSequence, LastText, UpdatedAt, AssignedTo, Department, Topic, Channel);
}

/// <summary>A stored message. (ConversationId, Sequence) and (ConversationId, ClientMessageId) are unique.</summary>
public sealed class Message
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public long Sequence { get; set; }
    public Guid ClientMessageId { get; set; }
    public SenderKind Sender { get; set; }
    public required string SenderId { get; set; }
    public required string SenderName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The files an agent attached, stored as JSON.</summary>
    public List<AttachmentRef>? Attachments { get; set; }

    public ChatMessage ToContract() =>
        new(ConversationId, Sequence, Id, ClientMessageId, Sender, SenderName, Text, SentAt, Attachments is { Count: > 0 } ? Attachments : null);
}

/// <summary>The roles a staff member can have in the console.</summary>
public enum StaffRole
{
    Manager,
    CallCentre,
    Supervisor,
    Admin,
}

/// <summary>A person who signs in to the agent console.</summary>
public sealed class StaffMember
{
    public Guid Id { get; set; }
    public required string Login { get; set; }
    public required string DisplayName { get; set; }
    public required string PasswordHash { get; set; }
    public StaffRole Role { get; set; }
    public required string Department { get; set; }
    public TimeOnly ShiftStart { get; set; }
    public TimeOnly ShiftEnd { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Failed sign-ins since the last successful one.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>Until when sign-in is refused after too many failures.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}
