using System.Security.Cryptography;
using System.Text;

namespace Chat.Server.Webhooks;

/// <summary>
/// The Standard Webhooks signature: HMAC-SHA256, keyed with the secret's bytes (base64 after <c>whsec_</c>), over
/// <c>{event id}.{timestamp}.{body}</c>, sent as <c>v1,{base64}</c> in <c>webhook-signature</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, Guid eventId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        var signed = Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
