using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ExtensionsOptions = Microsoft.Extensions.Options.Options;

namespace Chat.Bench.LoadGen;

/// <summary>
/// How every load-generator connection is made: WebSockets straight away (no negotiate round trip), JSON with enums as
/// names. All connections share one protocol, serializer options and (empty) service provider: <c>HubConnectionBuilder</c>
/// builds a service provider per connection, whose first resolutions are reflected and then compiled to IL, and options
/// of its own rebuild the payload types' metadata by reflection; per connection, that cost the load generator more CPU
/// than the server spent on it.
/// </summary>
internal static class Connections
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly JsonHubProtocol Protocol = new(ExtensionsOptions.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = Json }));

    private static readonly ServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    public static HubConnection Build(Uri url, Action<HttpConnectionOptions>? configure = null)
    {
        var options = new HttpConnectionOptions { Url = url, SkipNegotiation = true, Transports = HttpTransportType.WebSockets };
        configure?.Invoke(options);
        var factory = new HttpConnectionFactory(ExtensionsOptions.Create(options), NullLoggerFactory.Instance);
        return new HubConnection(factory, Protocol, new UriEndPoint(url), NoServices, NullLoggerFactory.Instance);
    }

    /// <summary>
    /// What a failed connect, session request or hub call throws when the server refuses, is overloaded or is gone:
    /// the load generator counts it and goes on (anything else is a bug of the load generator).
    /// </summary>
    public static bool IsFailure(Exception e) =>
        e is HttpRequestException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException or TimeoutException
            or OperationCanceledException or Microsoft.AspNetCore.SignalR.HubException;

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

/// <summary>Failed connects or calls counted across threads (see <see cref="Connections.IsFailure"/>), with the first one's message.</summary>
internal sealed class Failures
{
    private long count;
    private string? first;

    public long Count => Interlocked.Read(ref count);

    public string First => Volatile.Read(ref first) ?? string.Empty;

    public void Add(Exception e)
    {
        Interlocked.Increment(ref count);
        Interlocked.CompareExchange(ref first, e.Message, null);
    }

    /// <summary>How many failed and the first message, for a progress line.</summary>
    public override string ToString() => Count == 0 ? "0 failed" : $"{Count} failed: {First}";
}

/// <summary>Connections opened by index with <c>open</c>, their failures counted and each opening timed (in <see cref="Openings"/>' window).</summary>
internal sealed class ConnectionSet(int size, Func<int, CancellationToken, Task<HubConnection>> open)
{
    public HubConnection?[] Items { get; } = new HubConnection?[size];

    public Failures Failures { get; } = new();

    public LatencyRecorder Openings { get; } = new();

    public int Connected => Items.Count(c => c?.State == HubConnectionState.Connected);

    /// <summary>Opens <c>first</c>…<c>first + count - 1</c>, <paramref name="parallel"/> at a time.</summary>
    public Task OpenAsync(int first, int count, int parallel, string what, Action<string> progress) =>
        Connections.ForEachAsync(count, parallel, what, progress, async (i, token) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                Items[first + i] = await open(first + i, token);
                Openings.Record(started, Stopwatch.GetTimestamp());
            }
            catch (Exception e) when (Connections.IsFailure(e))
            {
                Failures.Add(e);
            }
        });

    public Task CloseAsync(TimeSpan timeout) => Connections.CloseAllAsync(Items, timeout);
}
