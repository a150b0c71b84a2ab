using System.Security.Claims;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Pipeline;

/// <summary>
/// Who is asking: read from the authenticated connection, never from what the client sends.
/// <see cref="VerifiedAccountId"/> is the account the host site vouched for (visitors only; null when unverified);
/// <see cref="Language"/> the language of a visitor's conversation (null for staff and for older visitor tokens).
/// </summary>
public sealed record Caller(SenderKind Kind, string Id, string Name, Guid? OwnConversationId, string? Role, string? VerifiedAccountId = null, string? Language = null)
{
    public const string ConversationClaim = "chat:conversation";
    public const string KindClaim = "chat:kind";
    public const string VerifiedAccountClaim = "chat:account";
    public const string LanguageClaim = "chat:language";

    public bool IsVisitor => Kind == SenderKind.Visitor;

    /// <summary>
    /// A client whose message the server read from their mail: set by the e-mail intake only, never from a principal,
    /// so no widget visitor is ever one. Their message may carry the files their mail brought (and only those).
    /// </summary>
    public bool ByMail { get; init; }

    /// <summary>A supervisor or an admin: sees and acts on every conversation and every colleague's figures.</summary>
    public bool Oversees => Role is nameof(Storage.StaffRole.Supervisor) or nameof(Storage.StaffRole.Admin);

    /// <summary>The caller of a hub connection, read from its principal once and kept with the connection.</summary>
    public static Caller From(HubCallerContext context)
    {
        var state = ConnectionState.Of(context);
        return state.Caller ??= From(context.User);
    }

    public static Caller From(ClaimsPrincipal? user)
    {
        var id = user?.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new ChatException(ErrorCodes.Unauthenticated, "Sign in first.");
        var name = user.FindFirstValue(ClaimTypes.Name) ?? id;
        if (user.FindFirstValue(KindClaim) == nameof(SenderKind.Visitor))
        {
            var conversation = Guid.Parse(user.FindFirstValue(ConversationClaim)!);
            return new Caller(SenderKind.Visitor, id, name, conversation, null, user.FindFirstValue(VerifiedAccountClaim), user.FindFirstValue(LanguageClaim));
        }

        return new Caller(SenderKind.Agent, id, name, null, user.FindFirstValue(ClaimTypes.Role));
    }
}

/// <summary>A request about one conversation; the authorisation step checks the caller may touch it.</summary>
public interface IConversationRequest
{
    Caller Caller { get; }
    Guid ConversationId { get; }
}
