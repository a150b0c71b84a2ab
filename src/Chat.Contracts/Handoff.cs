namespace Chat.Contracts;

/// <summary>Where a handoff stands; it only ever moves forward.</summary>
public enum HandoffStatus
{
    /// <summary>Stored and addressed; not yet in the consultant's console.</summary>
    Relayed,

    /// <summary>The consultant's console has the card.</summary>
    Delivered,

    /// <summary>The consultant opened the card.</summary>
    Read,

    /// <summary>The consultant took it on.</summary>
    Accepted,

    /// <summary>The consultant contacted the client (by the recorded method).</summary>
    Contacted,
}

/// <summary>How a handoff came about.</summary>
public enum HandoffKind
{
    /// <summary>The visitor identified themselves in the widget.</summary>
    Identification,

    /// <summary>A call-centre specialist passed the conversation on.</summary>
    AgentInitiated,

    /// <summary>The visitor ordered a call-back.</summary>
    CallBack,
}

/// <summary>
/// A visitor says who they are: the account's name or id and at least one contact. <see cref="ClientRequestId"/>
/// is made by the widget and reused on every retry of the same form.
/// </summary>
public sealed record IdentifyRequest(
    Guid ClientRequestId,
    string? AccountNameOrId,
    string? Phone,
    string? Email,
    ContactMethod? PreferredChannel,
    string? Topic);

/// <summary>A visitor who identified themselves orders a call-back to <see cref="Phone"/> between <see cref="From"/> and <see cref="To"/>.</summary>
public sealed record CallBackRequest(Guid ClientRequestId, string? Phone, DateTimeOffset From, DateTimeOffset To, string? Topic);

/// <summary>
/// The visitor's answer to an identification or a call-back: the handoff, how they will be contacted and the
/// text to show. It never names the tariff, the manager or anything the visitor did not give.
/// </summary>
public sealed record HandoffReceipt(Guid HandoffId, HandoffStatus Status, IReadOnlyList<ContactMethod> ContactBy, string Message, bool Duplicate);

/// <summary>A visitor's handoff moved on; <see cref="Message"/> is the text to show, in their language.</summary>
public sealed record HandoffUpdate(Guid HandoffId, HandoffStatus Status, string Message);

/// <summary>A call-centre specialist passes a conversation to the client's responsible manager.</summary>
public sealed record AgentHandoffRequest(
    Guid ClientRequestId,
    Guid ConversationId,
    string? AccountNameOrId,
    string? Phone,
    string? Email,
    string? Topic);

/// <summary>The manager records how they contacted the client.</summary>
public sealed record ContactRecord(Guid HandoffId, ContactMethod Method);

/// <summary>
/// The private message to the responsible consultant. <see cref="Verified"/> is false when no account matched
/// what the visitor gave; <see cref="IdentityVerified"/> is true when the account was proven by the host site's
/// signed identity token rather than typed by the visitor; <see cref="ContactWarning"/> is true when the account
/// exists but no contact the visitor gave is on file for it.
/// </summary>
public sealed record HandoffCard(
    Guid Id,
    Guid ConversationId,
    HandoffKind Kind,
    HandoffStatus Status,
    bool Verified,
    bool IdentityVerified,
    string AccountGiven,
    string? AccountId,
    string? AccountName,
    string? Company,
    string? Tariff,
    string? AssignedTo,
    string? Pool,
    string? Phone,
    string? Email,
    ContactMethod? PreferredChannel,
    string? Topic,
    bool ContactOnFile,
    bool ContactWarning,
    DateTimeOffset? CallBackFrom,
    DateTimeOffset? CallBackTo,
    string? HandedOffBy,
    ContactMethod? ContactedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ChatMessage> Transcript);

/// <summary>A handoff moved on, as the consoles that may see it are told.</summary>
public sealed record HandoffStatusChange(Guid HandoffId, Guid ConversationId, HandoffStatus Status, string By, DateTimeOffset At);

/// <summary>The outcome of a bulk import: what changed, and every refused row with its line.</summary>
public sealed record ImportResult(int Rows, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// A refused row. <see cref="Line"/> is the line of the CSV file (the header is line 1) or the 1-based
/// position of the element in the JSON array.
/// </summary>
public sealed record ImportRowError(int Line, string Field, string Message);

/// <summary>A client account, as imported: contacts on file are lists; in CSV they are separated by <c>;</c>.</summary>
public sealed record AccountRow(
    string? Id,
    string? Name,
    string? Company,
    string? Tariff,
    string? Manager,
    string? DedicatedManager,
    IReadOnlyList<string>? Phones,
    IReadOnlyList<string>? Emails);

/// <summary>
/// A staff member, as imported. <see cref="Role"/> defaults from the department; shifts are <c>HH:mm</c>.
/// <see cref="Password"/>, when given, sets the member's password (stored hashed; at least 8 characters); without it a
/// new member cannot sign in yet and an existing one keeps theirs.
/// </summary>
public sealed record StaffRow(
    string? Login,
    string? Name,
    string? Department,
    string? Role,
    string? ShiftStart,
    string? ShiftEnd,
    bool? Active,
    string? Password = null);
