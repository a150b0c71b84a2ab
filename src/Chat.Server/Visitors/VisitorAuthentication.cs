using System.Security.Claims;
using System.Text.Encodings.Web;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Chat.Server.Visitors;

/// <summary>
/// Authenticates a visitor by their session token: <c>Authorization: Bearer …</c>, or the
/// <c>access_token</c> query parameter that SignalR uses for WebSockets.
/// </summary>
public sealed class VisitorAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    VisitorTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Visitor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Query["access_token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            var header = Request.Headers.Authorization.ToString();
            token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : string.Empty;
        }

        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var ticket = tokens.Read(token);
        if (ticket is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(ErrorCodes.InvalidToken));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, ticket.VisitorId.ToString("N")),
                new Claim(ClaimTypes.Name, ticket.Name),
                new Claim(Caller.KindClaim, nameof(SenderKind.Visitor)),
                new Claim(Caller.ConversationClaim, ticket.ConversationId.ToString()),
            ],
            SchemeName);
        if (ticket.AccountId is not null)
        {
            identity.AddClaim(new Claim(Caller.VerifiedAccountClaim, ticket.AccountId));
        }

        if (ticket.Language is not null)
        {
            identity.AddClaim(new Claim(Caller.LanguageClaim, ticket.Language));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Response.WriteAsJsonAsync(
            new { code = ErrorCodes.InvalidToken, title = "The visitor session token is missing, malformed or expired; request a new session." },
            options: null,
            contentType: "application/problem+json");
    }
}
