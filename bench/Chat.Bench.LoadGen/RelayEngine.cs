using System.Diagnostics;

namespace Chat.Bench.LoadGen;

/// <summary>One visitor/agent pair of the closed loop. At most one message of a pair is on its way at a time.</summary>
internal sealed class Pair(int index)
{
    public int Index { get; } = index;

    /// <summary>When the message on its way was sent (Stopwatch ticks).</summary>
    public long SentAt;

    /// <summary>The id of the visitor's message the agent waits for; any other delivery is an echo or a stale one.</summary>
    public Guid AgentAwaits;

    /// <summary>The id of the agent's reply the visitor waits for.</summary>
    public Guid VisitorAwaits;

    public long Round;

    public long LastActivity;
}

/// <summary>
/// The closed loop, whatever the server: the visitor sends, the agent receives it and replies, the
/// visitor receives the reply and sends the next one. Every delivery (visitor → agent and agent →
/// visitor) counts as one delivered message, with its latency from send to receipt.
/// </summary>
internal sealed class RelayEngine
{
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(10);
    private readonly Func<Pair, Guid, Task<bool>> visitorSend;
    private readonly Func<Pair, Guid, Task<bool>> agentSend;
    private volatile bool running;
    private long inFlight;
    private long acked;
    private long errors;
    private long stalls;

    public RelayEngine(int pairs, Func<Pair, Guid, Task<bool>> visitorSend, Func<Pair, Guid, Task<bool>> agentSend)
    {
        Pairs = [.. Enumerable.Range(0, pairs).Select(i => new Pair(i))];
        this.visitorSend = visitorSend;
        this.agentSend = agentSend;
    }

    public IReadOnlyList<Pair> Pairs { get; }

    public LatencyRecorder Latency { get; } = new();

    /// <summary>Sends the server acknowledged (for Chat: stored, not duplicates).</summary>
    public long Acked => Interlocked.Read(ref acked);

    public long Errors => Interlocked.Read(ref errors);

    public long Stalls => Interlocked.Read(ref stalls);

    /// <summary>The message text: the same size for every server.</summary>
    public static string Text(Pair pair, bool fromVisitor) =>
        fromVisitor
            ? $"Hello, I have a question about my order number {pair.Round:D6}."
            : $"Good afternoon! Let me check order number {pair.Round:D6}.";

    /// <summary>Warms up, measures for <paramref name="duration"/>, stops sending and waits for what is on its way.</summary>
    public async Task RunAsync(TimeSpan warmup, TimeSpan duration, CpuMeter cpu, Action<string> progress)
    {
        running = true;
        foreach (var pair in Pairs)
        {
            VisitorTurn(pair);
        }

        using var watchdog = new CancellationTokenSource();
        var watching = WatchAsync(watchdog.Token);
        await Task.Delay(warmup);
        var start = Stopwatch.GetTimestamp();
        Latency.OpenWindow(start, start + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        cpu.Start();
        var seconds = (int)Math.Ceiling(duration.TotalSeconds);
        for (var i = 1; i <= seconds; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(1, duration.TotalSeconds - (i - 1))));
            if (i % 5 == 0 || i == seconds)
            {
                progress($"{i}/{seconds} s, {Latency.Count} delivered, p99 so far {Latency.PercentileMs(99):0.0} ms");
            }
        }

        running = false;
        await watchdog.CancelAsync();
        await watching;
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (Interlocked.Read(ref inFlight) > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Called by the target when the agent side got the visitor's message.</summary>
    public void AgentReceived(Pair pair, Guid id)
    {
        var now = Stopwatch.GetTimestamp();
        long sentAt;
        lock (pair)
        {
            if (id != pair.AgentAwaits)
            {
                return;
            }

            pair.AgentAwaits = Guid.Empty;
            sentAt = pair.SentAt;
        }

        Latency.Record(sentAt, now);
        if (running)
        {
            Send(pair, fromVisitor: false, now);
        }
    }

    /// <summary>Called by the target when the visitor side got the agent's reply.</summary>
    public void VisitorReceived(Pair pair, Guid id)
    {
        var now = Stopwatch.GetTimestamp();
        long sentAt;
        lock (pair)
        {
            if (id != pair.VisitorAwaits)
            {
                return;
            }

            pair.VisitorAwaits = Guid.Empty;
            sentAt = pair.SentAt;
        }

        Latency.Record(sentAt, now);
        if (running)
        {
            VisitorTurn(pair);
        }
    }

    public Dictionary<string, object> Result(string target, int agentConnections, TimeSpan warmup, TimeSpan duration, Dictionary<string, double> cpu)
    {
        var delivered = Latency.Count;
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["target"] = target,
            ["pairs"] = Pairs.Count,
            ["agentConnections"] = agentConnections,
            ["warmupS"] = warmup.TotalSeconds,
            ["durationS"] = duration.TotalSeconds,
            ["delivered"] = delivered,
            ["msgPerSec"] = Math.Round(delivered / duration.TotalSeconds, 1),
            ["p50Ms"] = Math.Round(Latency.PercentileMs(50), 2),
            ["p99Ms"] = Math.Round(Latency.PercentileMs(99), 2),
            ["maxMs"] = Math.Round(Latency.MaxMs, 2),
            ["meanMs"] = Math.Round(Latency.MeanMs, 2),
            ["acked"] = Acked,
            ["errors"] = Errors,
            ["stalls"] = Stalls,
            ["cpu"] = cpu,
        };
    }

    private void VisitorTurn(Pair pair)
    {
        pair.Round++;
        Send(pair, fromVisitor: true, Stopwatch.GetTimestamp());
    }

    private void Send(Pair pair, bool fromVisitor, long now)
    {
        var id = Guid.NewGuid();
        lock (pair)
        {
            (pair.AgentAwaits, pair.VisitorAwaits) = fromVisitor ? (id, Guid.Empty) : (Guid.Empty, id);
            pair.SentAt = now;
        }

        Volatile.Write(ref pair.LastActivity, now);
        Interlocked.Increment(ref inFlight);
        Task<bool> sending;
        try
        {
            sending = fromVisitor ? visitorSend(pair, id) : agentSend(pair, id);
        }
        catch (InvalidOperationException)
        {
            sending = Task.FromResult(false);
            Interlocked.Increment(ref errors);
        }

        sending.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    if (t.Result)
                    {
                        Interlocked.Increment(ref acked);
                    }
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }

                Interlocked.Decrement(ref inFlight);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>A pair whose message was lost (live delivery is best effort) starts over, and is counted.</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var stale = Stopwatch.GetTimestamp() - (long)(StallAfter.TotalSeconds * Stopwatch.Frequency);
                foreach (var pair in Pairs.Where(p => Volatile.Read(ref p.LastActivity) < stale))
                {
                    Interlocked.Increment(ref stalls);
                    VisitorTurn(pair);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
