using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Chat.Server.Visitors;

/// <summary>What a visitor session token says: who the visitor is and the one conversation they may use.</summary>
public sealed record VisitorTicket(Guid VisitorId, Guid ConversationId, string Name);

/// <summary>
/// Issues and reads visitor session tokens: encrypted and signed by ASP.NET Data Protection (keys
/// in the database, so every node reads every node's tokens), with an expiry inside the token.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider, IOptions<VisitorOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("Chat.VisitorSession.v1").ToTimeLimitedDataProtector();

    public (string Token, DateTimeOffset ExpiresAt) Issue(VisitorTicket ticket)
    {
        var expires = clock.GetUtcNow() + options.Value.SessionLifetime;
        return (protector.Protect($"{ticket.VisitorId:N}:{ticket.ConversationId:N}:{ticket.Name}", expires), expires);
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
            var payload = protector.Unprotect(token, out var expiration);
            if (expiration < clock.GetUtcNow())
            {
                return null;
            }

            var parts = payload.Split(':', 3);
            return new VisitorTicket(Guid.ParseExact(parts[0], "N"), Guid.ParseExact(parts[1], "N"), parts[2]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
