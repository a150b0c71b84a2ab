using System.Security.Claims;
using System.Text.Encodings.Web;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Api;

/// <summary>
/// The <c>ApiKey</c> scheme: <c>Authorization: Bearer {secret}</c> of a key that is not revoked, whose staff member is
/// active. The principal is that staff member (so the handlers apply their rights), with the key's id and scopes.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ChatDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyClaim = "chat:api-key";
    public const string ScopeClaim = "chat:scope";
    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeySecrets.Hash(header[Bearer.Length..].Trim());
        var found = await (
            from key in db.Set<ApiKeyRecord>().AsNoTracking()
            join staff in db.Staff.AsNoTracking() on key.StaffLogin equals staff.Login
            where key.SecretHash == hash && key.RevokedAt == null && staff.IsActive
            select new { key.Id, key.Scopes, staff.Login, staff.DisplayName, staff.Role }).SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, found.Login),
                new Claim(ClaimTypes.Name, found.DisplayName),
                new Claim(ClaimTypes.Role, found.Role.ToString()),
                new Claim(Caller.KindClaim, nameof(SenderKind.Agent)),
                new Claim(KeyClaim, found.Id.ToString()),
                .. found.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(scope => new Claim(ScopeClaim, scope)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await WriteAsync(Request.Headers.Authorization.Count == 0
            ? new ChatException(ErrorCodes.Unauthenticated, "Send an API key: Authorization: Bearer {key}.")
            : new ChatException(ErrorCodes.InvalidApiKey, "The API key is unknown or revoked."));

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy).FirstOrDefault(p => p?.StartsWith(ApiExtensions.ScopePolicyPrefix, StringComparison.Ordinal) == true);
        await WriteAsync(new ChatException(ErrorCodes.InsufficientScope,
            needed is null ? "The API key lacks the scope this endpoint needs." : $"The API key lacks the scope {needed[ApiExtensions.ScopePolicyPrefix.Length..]}."));
    }

    private async Task WriteAsync(ChatException refusal) =>
        await ChatExceptionHandler.WriteAsync(Context.RequestServices.GetRequiredService<IProblemDetailsService>(), Context, refusal);
}
