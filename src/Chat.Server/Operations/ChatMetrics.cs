using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Chat.Server.Operations;

/// <summary>
/// The server's own instruments (meter <see cref="MeterName"/>), read by operators through the Prometheus endpoint or
/// OTLP: connections by hub, messages stored, the write batches and the sends waiting for one, live pushes that failed,
/// the offline queue, the mailboxes' lag and the health of the database and Redis. Recording is a few atomic adds, cheap
/// enough for the message path.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Chat.Server";

    /// <summary>The traces of the message path (a span per write batch).</summary>
    public static readonly ActivitySource Traces = new(MeterName);

    private readonly UpDownCounter<long> connections;
    private readonly Counter<long> messagesStored;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> writeDuration;
    private readonly Counter<long> batchesFailed;
    private readonly Counter<long> pushesDropped;
    private readonly ConcurrentDictionary<string, double> mailboxLag = new(StringComparer.Ordinal);
    private volatile OperationsSample sample = OperationsSample.None;
    private volatile Func<int> sendsWaiting = static () => 0;

    public ChatMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        connections = meter.CreateUpDownCounter<long>("chat.connections", "{connection}", "Hub connections this node holds, by hub.");
        messagesStored = meter.CreateCounter<long>("chat.messages.stored", "{message}", "Messages stored (a retried send answered with its first message does not count).");
        batchSize = meter.CreateHistogram<int>("chat.write.batch_size", "{message}", "Sends stored together in one write batch.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        writeDuration = meter.CreateHistogram<double>("chat.write.duration", "s", "Time to store one write batch: one round trip and one commit.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5] });
        batchesFailed = meter.CreateCounter<long>("chat.write.failed", "{batch}", "Write batches the database refused; their senders were told to retry.");
        meter.CreateObservableGauge("chat.write.waiting", () => sendsWaiting(), "{message}", "Sends waiting for the writer's next batch.");
        pushesDropped = meter.CreateCounter<long>("chat.pushes.dropped", "{message}", "Stored messages whose live push failed; clients get them when they resume.");
        meter.CreateObservableGauge("chat.offline_queue.depth", () => sample.QueueDepth, "{item}", "Queued items not yet acknowledged.");
        meter.CreateObservableGauge("chat.offline_queue.overdue", () => sample.Overdue, "{item}", "Queued items past their due time and not answered.");
        meter.CreateObservableGauge("chat.mailbox.lag", () => mailboxLag.Select(l => new Measurement<double>(l.Value, new KeyValuePair<string, object?>("mailbox", l.Key))),
            "s", "How long the oldest mail not yet stored has been in the mailbox (0 when all is read), on the node that reads it.");
        meter.CreateObservableGauge("chat.dependency.up", () => sample.Dependencies.Select(d =>
            new Measurement<int>(d.Value ? 1 : 0, new KeyValuePair<string, object?>("dependency", d.Key))), description: "1 while the dependency (database, redis) answers its health check, else 0.");
    }

    public void Connected(string hub) => connections.Add(1, new KeyValuePair<string, object?>("hub", hub));

    public void Disconnected(string hub) => connections.Add(-1, new KeyValuePair<string, object?>("hub", hub));

    /// <summary>A batch of <paramref name="sends"/> sends was committed in <paramref name="elapsed"/>, <paramref name="stored"/> of them new.</summary>
    public void BatchWritten(int sends, int stored, TimeSpan elapsed)
    {
        batchSize.Record(sends);
        writeDuration.Record(elapsed.TotalSeconds);
        messagesStored.Add(stored);
    }

    public void BatchFailed() => batchesFailed.Add(1);

    /// <summary>Where the gauge of sends waiting for the writer reads its figure.</summary>
    public void WatchSendsWaiting(Func<int> waiting) => sendsWaiting = waiting;

    public void PushesDropped(int messages) => pushesDropped.Add(messages);

    /// <summary>The mailbox's lag as its reader sees it; null when this node no longer reads it.</summary>
    public void MailboxLag(string mailbox, TimeSpan? lag)
    {
        if (lag is { } behind)
        {
            mailboxLag[mailbox] = Math.Max(0, behind.TotalSeconds);
        }
        else
        {
            mailboxLag.TryRemove(mailbox, out _);
        }
    }

    /// <summary>The latest figures of <see cref="OperationsSampler"/>, read at the next collection.</summary>
    public void Observe(OperationsSample latest) => sample = latest;
}

/// <summary>What <see cref="OperationsSampler"/> read last.</summary>
public sealed record OperationsSample(long QueueDepth, long Overdue, IReadOnlyDictionary<string, bool> Dependencies)
{
    public static readonly OperationsSample None = new(0, 0, new Dictionary<string, bool>());
}
