using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Chat.Server.Visitors;

/// <summary>
/// What a visitor session token says: who the visitor is, the one conversation they may use and, when the host site
/// vouched for them with an identity token, their account (<see cref="AccountId"/>; null for an unverified visitor), and the
/// conversation's language (null in tokens issued before it was carried).
/// </summary>
public sealed record VisitorTicket(Guid VisitorId, Guid ConversationId, string Name, string? AccountId = null, string? Language = null);

/// <summary>
/// Issues and reads visitor session tokens: encrypted and signed by ASP.NET Data Protection (keys
/// in the database, so every node reads every node's tokens), with an expiry inside the token that is
/// checked against the server's <see cref="TimeProvider"/> (the time-limited protector would read the
/// machine clock instead).
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider, IOptions<VisitorOptions> options, TimeProvider clock)
{
    private readonly IDataProtector protector = provider.CreateProtector("Chat.VisitorSession.v3");

    public (string Token, DateTimeOffset ExpiresAt) Issue(VisitorTicket ticket)
    {
        var expires = clock.GetUtcNow() + options.Value.SessionLifetime;
        return (protector.Protect(JsonSerializer.Serialize(new Envelope(ticket, expires))), expires);
    }

    /// <summary>The ticket, or null when the token is malformed, tampered with, foreign or expired.</summary>
    public VisitorTicket? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(protector.Unprotect(token));
            return envelope is null || envelope.ExpiresAt < clock.GetUtcNow() ? null : envelope.Ticket;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Envelope(VisitorTicket Ticket, DateTimeOffset ExpiresAt);
}
