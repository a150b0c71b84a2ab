using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Bench.LoadGen;

/// <summary>
/// Connections opened per second: <c>--connections</c> visitors open their connection as fast as a widget does it,
/// <c>--parallel</c> at a time, after <c>--warm</c> that are not measured (the server's JIT). On Chat a widget's
/// opening is its session request, the WebSocket and <c>Resume(0)</c>; on the bare relay the WebSocket alone.
/// Every connection stays open until the end.
/// </summary>
internal static class ConnectScenario
{
    public static async Task<Dictionary<string, object>> RunAsync(Options options, Action<string> progress)
    {
        var url = new Uri(options.Text("url"));
        var target = options.Text("target");
        var count = options.Int("connections", 1000);
        var warm = options.Int("warm", 100);
        var parallel = options.Int("parallel", 50);
        using var http = ChatTarget.HttpClientFor(url, null, parallel);
        Func<int, CancellationToken, Task<HubConnection>> open = target switch
        {
            "chat" => async (i, token) => await ChatTarget.OpenWidgetAsync(url, await ChatTarget.StartSessionAsync(http, i, token), token),
            "signalr" => (_, token) => BareTarget.ConnectAsync(url, token),
            _ => throw new ArgumentException($"Unknown target '{target}'."),
        };

        var connections = new ConnectionSet(warm + count, open);
        try
        {
            await connections.OpenAsync(0, warm, parallel, "warm-up connections", progress);
            var cpu = new CpuMeter(options.Optional("cpu"));
            var start = Stopwatch.GetTimestamp();
            connections.Openings.OpenWindow(start, long.MaxValue);
            cpu.Start();
            await connections.OpenAsync(warm, count, parallel, "connections", progress);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var latency = connections.Openings;
            var opened = latency.Count;
            progress($"{opened}/{count} opened in {seconds:0.00} s, {parallel} at a time ({connections.Failures})");
            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["target"] = target,
                ["connections"] = count,
                ["parallel"] = parallel,
                ["warm"] = warm,
                ["opened"] = opened,
                ["failed"] = connections.Failures.Count,
                ["firstError"] = connections.Failures.First,
                ["seconds"] = Math.Round(seconds, 3),
                ["connPerSec"] = Math.Round(opened / seconds, 1),
                ["p50Ms"] = Math.Round(latency.PercentileMs(50), 2),
                ["p99Ms"] = Math.Round(latency.PercentileMs(99), 2),
                ["maxMs"] = Math.Round(latency.MaxMs, 2),
                ["cpu"] = cpu.Stop(opened, "Conn"),
            };
        }
        finally
        {
            await connections.CloseAsync(TimeSpan.FromSeconds(20));
        }
    }
}
