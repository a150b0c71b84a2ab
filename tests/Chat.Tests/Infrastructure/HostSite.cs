using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Tests.Infrastructure;

/// <summary>What the company's site does to vouch for its logged-in client: a compact JWT signed HS256 with the shared secret.</summary>
public static class HostSite
{
    public const string SigningKey = "host-site-secret-0123456789abcdef-0123456789";
    public const string Issuer = "https://www.customer.example";
    public const string Audience = "chat";

    /// <summary>The settings that switch host identity on in a test server.</summary>
    public static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Chat:HostIdentity:SigningKey"] = SigningKey,
        ["Chat:HostIdentity:Issuer"] = Issuer,
        ["Chat:HostIdentity:Audience"] = Audience,
    };

    public static string IdentityToken(
        string account,
        DateTimeOffset? now = null,
        TimeSpan? lifetime = null,
        string key = SigningKey,
        string issuer = Issuer,
        string audience = Audience)
    {
        var issued = (now ?? DateTimeOffset.UtcNow).UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + (lifetime ?? TimeSpan.FromMinutes(10)),
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = account },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
