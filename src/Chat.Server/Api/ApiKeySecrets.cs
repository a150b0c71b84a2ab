using System.Security.Cryptography;
using System.Text;

namespace Chat.Server.Api;

/// <summary>API key secrets: 32 random bytes, shown once; only their SHA-256 is stored and compared.</summary>
public static class ApiKeySecrets
{
    private const string Prefix = "chat_";

    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of a secret: its SHA-256, lower-case hex.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
