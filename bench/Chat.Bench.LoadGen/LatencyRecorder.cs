using System.Diagnostics;

namespace Chat.Bench.LoadGen;

/// <summary>
/// A lock-free latency histogram: 10 µs buckets up to 100 ms, then 1 ms buckets up to 60 s
/// (percentiles within 1 %), and the exact maximum. Only deliveries that arrive inside the
/// measurement window count.
/// </summary>
internal sealed class LatencyRecorder
{
    private const int FineBuckets = 10_000;
    private const int CoarseBuckets = 60_000;
    private readonly long[] buckets = new long[FineBuckets + CoarseBuckets];
    private long count;
    private long sumMicros;
    private long maxMicros;
    private long windowStart = long.MaxValue;
    private long windowEnd = long.MaxValue;

    public long Count => Interlocked.Read(ref count);

    public void OpenWindow(long start, long end)
    {
        Volatile.Write(ref windowEnd, end);
        Volatile.Write(ref windowStart, start);
    }

    /// <summary>Records one delivery that took from <paramref name="sentAt"/> to <paramref name="receivedAt"/> (Stopwatch ticks).</summary>
    public void Record(long sentAt, long receivedAt)
    {
        if (receivedAt < Volatile.Read(ref windowStart) || receivedAt >= Volatile.Read(ref windowEnd))
        {
            return;
        }

        var micros = Math.Max(0, (receivedAt - sentAt) * 1_000_000 / Stopwatch.Frequency);
        var index = micros < FineBuckets * 10 ? (int)(micros / 10) : FineBuckets + (int)Math.Min(CoarseBuckets - 1, (micros - (FineBuckets * 10)) / 1000);
        Interlocked.Increment(ref buckets[index]);
        Interlocked.Increment(ref count);
        Interlocked.Add(ref sumMicros, micros);
        var max = Volatile.Read(ref maxMicros);
        while (micros > max)
        {
            var seen = Interlocked.CompareExchange(ref maxMicros, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public double MeanMs => Count == 0 ? 0 : Interlocked.Read(ref sumMicros) / (double)Count / 1000;

    public double MaxMs => Interlocked.Read(ref maxMicros) / 1000.0;

    /// <summary>The upper edge of the bucket that holds the <paramref name="percentile"/>th delivery, in ms.</summary>
    public double PercentileMs(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(total * percentile / 100);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += Interlocked.Read(ref buckets[i]);
            if (seen >= rank)
            {
                var upperMicros = i < FineBuckets ? (i + 1) * 10.0 : (FineBuckets * 10.0) + ((i - FineBuckets + 1) * 1000.0);
                return Math.Min(upperMicros, Interlocked.Read(ref maxMicros)) / 1000;
            }
        }

        return MaxMs;
    }
}
