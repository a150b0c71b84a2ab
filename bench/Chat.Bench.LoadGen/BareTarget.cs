using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Bench.LoadGen;

/// <summary>
/// The bare SignalR relay of <c>bench/BareSignalR</c>: the same pairs and agent connections, no
/// authentication, no storage; a send is a one-way <c>SendAsync</c> relayed to the other side.
/// </summary>
internal static class BareTarget
{
    private const string Hub = "/hubs/relay";

    public static async Task<Dictionary<string, object>> RelayAsync(Options options, Action<string> progress)
    {
        var url = new Uri(new Uri(options.Text("url")), Hub);
        var pairs = options.Int("pairs", 100);
        var perAgent = options.Int("per-agent", 10);
        var agentCount = (pairs + perAgent - 1) / perAgent;
        var visitors = new HubConnection[pairs];
        var agents = new HubConnection[agentCount];
        var engine = new RelayEngine(
            pairs,
            async (pair, _) =>
            {
                await visitors[pair.Index].SendAsync("VisitorSend", PairId(pair.Index), RelayEngine.Text(pair, fromVisitor: true));
                return true;
            },
            async (pair, _) =>
            {
                await agents[pair.Index / perAgent].SendAsync("AgentSend", PairId(pair.Index), RelayEngine.Text(pair, fromVisitor: false));
                return true;
            });

        try
        {
            await Connections.ForEachAsync(pairs, 32, "visitors connected", progress, async (i, token) =>
            {
                var pair = engine.Pairs[i];
                var visitor = Connections.Build(url);
                visitor.On<string, string>("Relay", (_, _) => engine.VisitorReceived(pair, pair.VisitorAwaits));
                visitors[i] = visitor;
                await visitor.StartAsync(token);
                await visitor.InvokeAsync("JoinAsVisitor", PairId(i), token);
            });

            await Connections.ForEachAsync(agentCount, 8, "agents connected", progress, async (a, token) =>
            {
                var agent = Connections.Build(url);
                agent.On<string, string>("Relay", (pairId, _) =>
                {
                    var pair = engine.Pairs[int.Parse(pairId.AsSpan(1), CultureInfo.InvariantCulture)];
                    engine.AgentReceived(pair, pair.AgentAwaits);
                });
                agents[a] = agent;
                await agent.StartAsync(token);
                for (var i = a * perAgent; i < Math.Min(pairs, (a + 1) * perAgent); i++)
                {
                    await agent.InvokeAsync("JoinAsAgent", PairId(i), token);
                }
            });
            progress($"{pairs} visitors and {agentCount} agent connections ready");

            var warmup = TimeSpan.FromSeconds(options.Double("warmup", 3));
            var duration = TimeSpan.FromSeconds(options.Double("duration", 10));
            var cpu = new CpuMeter(options.Optional("cpu"));
            await engine.RunAsync(warmup, duration, cpu, progress);
            return engine.Result("signalr", agentCount, warmup, duration, cpu.Stop(engine.Latency.Count));
        }
        finally
        {
            await Connections.CloseAllAsync([.. visitors, .. agents], TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>Idle visitor connections: the function returned connects one and registers it under a pair id of its own.</summary>
    public static Func<int, CancellationToken, Task<HubConnection>> PrepareIdle(Uri baseUrl, string name) =>
        async (i, token) =>
        {
            var visitor = await ConnectAsync(baseUrl, token);
            visitor.On<string, string>("Relay", (_, _) => { });
            await visitor.InvokeAsync("JoinAsVisitor", $"{name}-{i}", token);
            return visitor;
        };

    /// <summary>A bare connection: the WebSocket and SignalR's handshake, nothing else.</summary>
    public static async Task<HubConnection> ConnectAsync(Uri baseUrl, CancellationToken token)
    {
        var connection = Connections.Build(new Uri(baseUrl, Hub));
        await connection.StartAsync(token);
        return connection;
    }

    private static string PairId(int index) => string.Create(CultureInfo.InvariantCulture, $"p{index}");
}
