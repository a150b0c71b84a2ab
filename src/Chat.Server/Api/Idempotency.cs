using System.Security.Cryptography;
using System.Text;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Api;

/// <summary>
/// The <c>Idempotency-Key</c> of the API's writes. A key's retry of the same request (same target, same body) goes
/// through again and the message log answers it with the first result, since the client message id is derived from the
/// API key and the idempotency key; the same idempotency key with another request is refused with
/// <c>409 idempotency_key_reused</c>. A key is remembered only once its request succeeded, so a refused request
/// leaves nothing behind.
/// </summary>
public sealed class Idempotency(ChatDbContext db, TimeProvider clock)
{
    private const int MaxKeyLength = 200;

    /// <summary>The idempotency key of the call: 1 to 200 visible ASCII characters.</summary>
    public static string KeyOf(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(ch => ch is > ' ' and <= '~')
            ? key
            : throw ApiRequests.Refuse(ErrorCodes.InvalidArgument, HubPaths.IdempotencyKeyHeader,
                $"Send an {HubPaths.IdempotencyKeyHeader} header: 1 to {MaxKeyLength} visible ASCII characters, the same on every retry.");

    /// <summary>The refusal of a key used before with another request.</summary>
    public static ChatException Reused() => ApiRequests.Refuse(ErrorCodes.IdempotencyKeyReused, HubPaths.IdempotencyKeyHeader,
        "This Idempotency-Key was used with another request; make a new key for a new request.");

    /// <summary>The SHA-256 of what a request is about and what it carries.</summary>
    public static string RequestHash(string target, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(target + "\n");
        return Convert.ToHexStringLower(SHA256.HashData([.. prefix, .. body]));
    }

    /// <summary>The client message id of a send made with this key: the same for every retry.</summary>
    public static Guid ClientId(Guid apiKeyId, string key) => DerivedIds.Of($"api:{apiKeyId:N}:{key}");

    /// <summary>Refuses the key when it was used before with another request.</summary>
    public async Task CheckAsync(Guid apiKeyId, string key, string requestHash, CancellationToken cancellationToken)
    {
        var used = await db.Set<IdempotencyRecord>().AsNoTracking()
            .Where(r => r.ApiKeyId == apiKeyId && r.Key == key).Select(r => r.RequestHash).SingleOrDefaultAsync(cancellationToken);
        if (used is not null && used != requestHash)
        {
            throw Reused();
        }
    }

    /// <summary>Remembers the key with its request once the request succeeded; a retry finds it there already.</summary>
    public async Task RememberAsync(Guid apiKeyId, string key, string requestHash, CancellationToken cancellationToken)
    {
        if (await db.Set<IdempotencyRecord>().AnyAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, cancellationToken))
        {
            return;
        }

        db.Add(new IdempotencyRecord { ApiKeyId = apiKeyId, Key = key, RequestHash = requestHash, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry remembered it first.
            db.ChangeTracker.Clear();
        }
    }
}
