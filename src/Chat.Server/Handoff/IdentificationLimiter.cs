using System.Threading.RateLimiting;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>
/// Limits identification and call-back attempts per visitor session and per client address, in this process,
/// so that the form cannot be used to probe who is a client.
/// </summary>
public sealed class IdentificationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> sessions;
    private readonly PartitionedRateLimiter<string> addresses;

    public IdentificationLimiter(IOptions<HandoffOptions> options)
    {
        var o = options.Value;
        sessions = Fixed(o.AttemptsPerSession, o.RateWindow);
        addresses = Fixed(o.AttemptsPerAddress, o.RateWindow);
    }

    /// <summary>Counts one attempt; refuses with <c>rate_limited</c> when either limit is used up.</summary>
    public void Attempt(string session, string address)
    {
        using var bySession = sessions.AttemptAcquire(session);
        using var byAddress = addresses.AttemptAcquire(address);
        if (!bySession.IsAcquired || !byAddress.IsAcquired)
        {
            throw new ChatException(ErrorCodes.RateLimited, "Too many attempts; please wait a few minutes and try again.");
        }
    }

    public void Dispose()
    {
        sessions.Dispose();
        addresses.Dispose();
    }

    private static PartitionedRateLimiter<string> Fixed(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}
