using System.Diagnostics;

namespace Chat.Bench.LoadGen;

/// <summary>
/// One of several processes that together hold the idle connections (each process stays well under
/// the open-file limit). It talks to the runner through files in <c>--signal-dir</c>:
/// it opens <c>--warm</c> connections and writes <c>NAME.warm</c>; once <c>go</c> exists it opens the
/// rest and writes <c>NAME.ready</c>; it holds them until <c>stop</c> exists (at most <c>--hold-max</c> s).
/// </summary>
internal static class IdleWorker
{
    public static async Task<Dictionary<string, object>> RunAsync(Options options, Action<string> progress)
    {
        var url = new Uri(options.Text("url"));
        var target = options.Text("target");
        var count = options.Int("connections", 1000);
        var warm = Math.Min(count, options.Int("warm", 100));
        var name = options.Text("name", "idle");
        var signals = options.Text("signal-dir");
        var holdMax = TimeSpan.FromSeconds(options.Double("hold-max", 300));
        var started = Stopwatch.GetTimestamp();

        var connect = target switch
        {
            "chat" => await ChatTarget.PrepareIdleAsync(url, count, progress),
            "signalr" => BareTarget.PrepareIdle(url, name),
            _ => throw new ArgumentException($"Unknown target '{target}'."),
        };
        var connections = new ConnectionSet(count, connect);
        try
        {
            await connections.OpenAsync(0, warm, 32, "warm connections", progress);
            await File.WriteAllTextAsync(Path.Combine(signals, $"{name}.warm"), warm.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await WaitForAsync(Path.Combine(signals, "go"), TimeSpan.FromMinutes(5));
            await connections.OpenAsync(warm, count - warm, 32, "idle connections", progress);
            var setup = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var connected = connections.Connected;
            progress($"{connected}/{count} connected ({connections.Failures}) in {setup:0.0} s");
            await File.WriteAllTextAsync(Path.Combine(signals, $"{name}.ready"), connected.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await WaitForAsync(Path.Combine(signals, "stop"), holdMax);
            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["target"] = target,
                ["name"] = name,
                ["requested"] = count,
                ["warm"] = warm,
                ["connectedAtReady"] = connected,
                ["connectedAtStop"] = connections.Connected,
                ["failed"] = connections.Failures.Count,
                ["firstError"] = connections.Failures.First,
                ["setupSeconds"] = Math.Round(setup, 1),
            };
        }
        finally
        {
            await connections.CloseAsync(TimeSpan.FromSeconds(20));
        }
    }

    private static async Task WaitForAsync(string path, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!File.Exists(path) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
        }
    }
}
