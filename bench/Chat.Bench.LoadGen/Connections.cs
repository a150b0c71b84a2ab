using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Bench.LoadGen;

/// <summary>How every load-generator connection is made: WebSockets straight away (no negotiate round trip), JSON with enums as names.</summary>
internal static class Connections
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static HubConnection Build(Uri url, Action<HttpConnectionOptions>? configure = null) =>
        new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                configure?.Invoke(o);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    /// <summary>Runs <paramref name="action"/> for 0…count-1, <paramref name="parallel"/> at a time, reporting progress every 10 %.</summary>
    public static async Task ForEachAsync(int count, int parallel, string what, Action<string> progress, Func<int, CancellationToken, ValueTask> action)
    {
        var done = 0;
        var step = Math.Max(1, count / 10);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, token) =>
        {
            await action(i, token);
            var now = Interlocked.Increment(ref done);
            if (now % step == 0 && count >= 1000)
            {
                progress($"{what}: {now}/{count}");
            }
        });
    }

    /// <summary>Closes every connection, a few at a time, giving up after <paramref name="timeout"/>.</summary>
    public static async Task CloseAllAsync(IEnumerable<HubConnection?> connections, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await Parallel.ForEachAsync(connections.OfType<HubConnection>(), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = limit.Token }, async (c, _) => await c.DisposeAsync());
        }
        catch (OperationCanceledException)
        {
        }
    }
}
