using Chat.Contracts;
using Chat.Server.Hosting;
using Chat.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>
/// Limits identification and call-back attempts per visitor session and per client address, across every node
/// when Redis is configured, so that the form cannot be used to probe who is a client.
/// </summary>
public sealed class IdentificationLimiter(IAttemptWindows windows, IOptions<HandoffOptions> options)
{
    /// <summary>Counts one attempt; refuses with <c>rate_limited</c> when either limit is used up.</summary>
    public async Task AttemptAsync(string session, string address, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var bySession = await windows.TryAttemptAsync($"identify:session:{session}", o.AttemptsPerSession, o.RateWindow, cancellationToken);
        var byAddress = await windows.TryAttemptAsync($"identify:address:{address}", o.AttemptsPerAddress, o.RateWindow, cancellationToken);
        if (!bySession || !byAddress)
        {
            throw new ChatException(ErrorCodes.RateLimited, "Too many attempts; please wait a few minutes and try again.");
        }
    }
}
