using System.Security.Cryptography;
using System.Text;

namespace Chat.Server.Pipeline;

/// <summary>
/// Ids worked out from what they stand for, the same on every retry or re-read: the first 16 bytes of the SHA-256 of
/// <paramref name="text"/>. Each caller names what the id is of (a mail, an item's notice, an API key's idempotency key).
/// </summary>
public static class DerivedIds
{
    public static Guid Of(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
