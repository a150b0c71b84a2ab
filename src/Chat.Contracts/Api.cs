namespace Chat.Contracts;

/// <summary>What an API key may do; each <c>/api/v1</c> endpoint needs one (<c>403 insufficient_scope</c> without it).</summary>
public static class ApiScopes
{
    public const string ConversationsRead = "conversations:read";
    public const string MessagesWrite = "messages:write";
    public const string AccountsManage = "accounts:manage";
    public const string StaffRead = "staff:read";
    public const string HandoffsRead = "handoffs:read";
    public const string HandoffsWrite = "handoffs:write";
    public const string QueueRead = "queue:read";
    public const string ReportsRead = "reports:read";

    /// <summary>Every scope a key may be given.</summary>
    public static readonly IReadOnlyList<string> All = [ConversationsRead, MessagesWrite, AccountsManage, StaffRead, HandoffsRead, HandoffsWrite, QueueRead, ReportsRead];
}

/// <summary>
/// A new API key: a name for people, the staff member whose rights and name it acts with, and its scopes
/// (<see cref="ApiScopes"/>).
/// </summary>
public sealed record ApiKeyRequest(string Name, string StaffLogin, IReadOnlyList<string> Scopes);

/// <summary>An API key as the admin API lists it; the secret is never shown again after creation.</summary>
public sealed record ApiKeyInfo(Guid Id, string Name, string StaffLogin, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);

/// <summary>The answer to creating a key: the key and, this once, its secret (<c>Authorization: Bearer {Secret}</c>).</summary>
public sealed record CreatedApiKey(ApiKeyInfo Key, string Secret);

/// <summary>A page of conversations, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null: no more).</summary>
public sealed record ConversationPage(IReadOnlyList<ConversationSummary> Items, string? NextCursor);

/// <summary>An agent message posted through the API, in the name of the key's staff member.</summary>
public sealed record PostMessageRequest(string Text);

/// <summary>A client account as stored: contacts normalised (E.164 phones, lower-case e-mails).</summary>
public sealed record AccountDetails(
    string Id,
    string Name,
    string? Company,
    string Tariff,
    string? Manager,
    string? DedicatedManager,
    IReadOnlyList<string> Phones,
    IReadOnlyList<string> Emails,
    DateTimeOffset UpdatedAt);

/// <summary>A staff member; shifts are <c>HH:mm</c>.</summary>
public sealed record StaffDetails(string Login, string Name, string Department, string Role, string ShiftStart, string ShiftEnd, bool Active);

/// <summary>Moves a handoff on; <see cref="Method"/> is required for <c>Contacted</c>.</summary>
public sealed record HandoffStatusRequest(HandoffStatus Status, ContactMethod? Method = null);
