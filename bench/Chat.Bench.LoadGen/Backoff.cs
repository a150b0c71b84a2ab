namespace Chat.Bench.LoadGen;

/// <summary>
/// The widget's reconnect back-off, the same formula as <c>client-widget/src/backoff.ts</c>: the first retry at
/// once, then 1 s, 2 s, 4 s … capped at 30 s, each ±20 % (jitter), retrying forever (here: until the caller's limit).
/// </summary>
internal static class Backoff
{
    private const double BaseMs = 1000;
    private const double CapMs = 30_000;

    /// <summary>The delay before retry number <paramref name="attempt"/> (0-based), as <c>backoffDelay</c>.</summary>
    public static TimeSpan Delay(int attempt)
    {
        var exponential = BaseMs * Math.Pow(2, Math.Clamp(attempt, 0, 16));
        var capped = Math.Min(CapMs, exponential);
        return TimeSpan.FromMilliseconds(Math.Round(capped * (0.8 + (0.4 * Random.Shared.NextDouble())), MidpointRounding.AwayFromZero));
    }

    /// <summary>The delay before reconnect attempt <paramref name="previousRetryCount"/>, as <c>reconnectForever</c>: 0, then <see cref="Delay"/>.</summary>
    public static TimeSpan Reconnect(int previousRetryCount) => previousRetryCount == 0 ? TimeSpan.Zero : Delay(previousRetryCount - 1);
}
