using System.Text;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Server.Visitors;

/// <summary>
/// Reads the host site's identity token: a compact JWT signed HS256 with the shared secret, with our issuer and
/// audience and an expiry, whose <c>sub</c> is the client's account id. Anything else is refused with
/// <c>invalid_identity_token</c> and logged once, without the token.
/// </summary>
public sealed partial class HostIdentityTokens(IOptions<HostIdentityOptions> options, TimeProvider clock, ILogger<HostIdentityTokens> logger)
{
    private const int MaxTokenLength = 4096;
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    /// <summary>The account id the token vouches for; throws <c>invalid_identity_token</c> when it does not check out.</summary>
    public async Task<string> VerifyAsync(string token)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogRefused(logger, "host identity is not configured");
            throw Refusal("This chat does not accept identity tokens.");
        }

        if (token.Length > MaxTokenLength)
        {
            LogRefused(logger, "too long");
            throw Refusal("The identity token is not valid.");
        }

        var result = await handler.ValidateTokenAsync(token, Parameters(settings));
        var jwt = result.IsValid ? (JsonWebToken)result.SecurityToken : null;
        var account = jwt?.GetPayloadValue<string>(JwtRegisteredClaimNames.Sub)?.Trim();
        var reason = jwt is null ? result.Exception?.GetType().Name ?? "invalid"
            : LifetimeProblem(jwt, settings) ?? (string.IsNullOrEmpty(account) || account.Length > 100 ? "no usable sub claim" : null);
        if (reason is not null)
        {
            LogRefused(logger, reason);
            throw Refusal("The identity token is expired, tampered with or not meant for this chat.");
        }

        return account!;
    }

    /// <summary>
    /// The lifetime is checked here, against the server's <see cref="TimeProvider"/>: an expiry is required, the token
    /// must be current (within the clock skew) and must not live longer than <c>MaxLifetime</c>.
    /// </summary>
    private string? LifetimeProblem(JsonWebToken jwt, HostIdentityOptions settings)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _) ? "no expiry"
            : jwt.ValidTo + settings.ClockSkew < now ? "expired"
            : jwt.ValidFrom != DateTime.MinValue && jwt.ValidFrom - settings.ClockSkew > now ? "not yet valid"
            : jwt.ValidTo - now > settings.MaxLifetime + settings.ClockSkew ? "lifetime longer than allowed"
            : null;
    }

    private static TokenValidationParameters Parameters(HostIdentityOptions settings) => new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidIssuer = settings.Issuer,
        ValidAudience = settings.Audience,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = false,
    };

    private static ChatException Refusal(string message) => new(ErrorCodes.InvalidIdentityToken, message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a host identity token: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
