using System.Net;
using System.Net.Http.Json;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Bench.LoadGen;

/// <summary>
/// The Chat server on its real path: every visitor starts a session over HTTP and connects with its
/// token; agents sign in (cookie) and open their visitors' conversations; every message goes through
/// the hubs' <c>SendMessage</c> (validated, authorised, stored with its sequence, routed).
/// </summary>
internal static class ChatTarget
{
    /// <summary>The demo supervisor seeded with <c>Chat:Demo:Seed=true</c>, who imports the load generator's agents.</summary>
    private const string Supervisor = "s.orlov";

    /// <summary>The password of the imported agents (the staff import's <c>password</c> column).</summary>
    private const string AgentPassword = "bench-agent-password";

    public static async Task<Dictionary<string, object>> RelayAsync(Options options, Action<string> progress)
    {
        var url = new Uri(options.Text("url"));
        var pairs = options.Int("pairs", 100);
        var perAgent = options.Int("per-agent", 10);
        var agentCount = (pairs + perAgent - 1) / perAgent;
        using var http = HttpClientFor(url, null);

        var sessions = await StartSessionsAsync(http, pairs, progress);
        var cookies = await SignInAgentsAsync(url, agentCount, progress);

        var visitors = new HubConnection[pairs];
        var agents = new HubConnection[agentCount];
        long conversationUpdates = 0;
        var engine = new RelayEngine(
            pairs,
            async (pair, id) => !(await visitors[pair.Index].InvokeAsync<SendResult>(
                "SendMessage", new VisitorSend(id, RelayEngine.Text(pair, fromVisitor: true)))).Duplicate,
            async (pair, id) => !(await agents[pair.Index / perAgent].InvokeAsync<SendResult>(
                "SendMessage", new AgentSend(sessions[pair.Index].ConversationId, id, RelayEngine.Text(pair, fromVisitor: false)))).Duplicate);
        var byConversation = engine.Pairs.ToDictionary(p => sessions[p.Index].ConversationId);

        try
        {
            await Connections.ForEachAsync(pairs, 32, "visitors connected", progress, async (i, token) =>
            {
                var pair = engine.Pairs[i];
                var visitor = Widget(url, sessions[i]);
                visitor.On<ChatMessage>(nameof(IVisitorClient.MessageReceived), m =>
                {
                    if (m.Sender == SenderKind.Agent)
                    {
                        engine.VisitorReceived(pair, m.ClientMessageId);
                    }
                });
                visitors[i] = visitor;
                await visitor.StartAsync(token);
                await visitor.InvokeAsync<ResumeResult>("Resume", 0L, token);
            });

            await Connections.ForEachAsync(agentCount, 8, "agents connected", progress, async (a, token) =>
            {
                var agent = Connections.Build(new Uri(url, HubPaths.Agent), o => o.Cookies = cookies[a]);
                agent.On<ChatMessage>(nameof(IAgentClient.MessageReceived), m =>
                {
                    if (m.Sender == SenderKind.Visitor && byConversation.TryGetValue(m.ConversationId, out var pair))
                    {
                        engine.AgentReceived(pair, m.ClientMessageId);
                    }
                });
                agent.On<ConversationSummary>(nameof(IAgentClient.ConversationUpdated), _ => Interlocked.Increment(ref conversationUpdates));
                agents[a] = agent;
                await agent.StartAsync(token);
                for (var i = a * perAgent; i < Math.Min(pairs, (a + 1) * perAgent); i++)
                {
                    await agent.InvokeAsync<ResumeResult>("OpenConversation", sessions[i].ConversationId, 0L, token);
                }
            });
            progress($"{pairs} visitors and {agentCount} agent connections ready");

            var warmup = TimeSpan.FromSeconds(options.Double("warmup", 3));
            var duration = TimeSpan.FromSeconds(options.Double("duration", 10));
            var cpu = new CpuMeter(options.Optional("cpu"));
            await engine.RunAsync(warmup, duration, cpu, progress);
            var result = engine.Result("chat", agentCount, warmup, duration, cpu.Stop(engine.Latency.Count));
            result["conversationUpdates"] = Interlocked.Read(ref conversationUpdates);
            return result;
        }
        finally
        {
            await Connections.CloseAllAsync([.. visitors, .. agents], TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>Idle widgets: starts a session for each first; the function returned connects one and resumes, then it stays idle.</summary>
    public static async Task<Func<int, CancellationToken, Task<HubConnection>>> PrepareIdleAsync(Uri url, int count, Action<string> progress)
    {
        using var http = HttpClientFor(url, null);
        var sessions = await StartSessionsAsync(http, count, progress);
        return (i, token) => OpenWidgetAsync(url, sessions[i], token);
    }

    /// <summary>A widget's connection to the visitor hub with its session's token (not started yet).</summary>
    public static HubConnection Widget(Uri url, VisitorSession session) =>
        Connections.Build(new Uri(url, HubPaths.Visitor), o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.Token));

    /// <summary>What a widget does on loading once it has its session: connects with the token and calls <c>Resume(0)</c>.</summary>
    public static async Task<HubConnection> OpenWidgetAsync(Uri url, VisitorSession session, CancellationToken token)
    {
        var visitor = Widget(url, session);
        visitor.On<ChatMessage>(nameof(IVisitorClient.MessageReceived), _ => { });
        await visitor.StartAsync(token);
        await visitor.InvokeAsync<ResumeResult>("Resume", 0L, token);
        return visitor;
    }

    /// <summary>A widget's first request: <c>POST /api/visitor/sessions</c> (a new conversation) for visitor number <paramref name="i"/>.</summary>
    public static async Task<VisitorSession> StartSessionAsync(HttpClient http, int i, CancellationToken token)
    {
        using var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest($"Visitor {i}", "en", null), Connections.Json, token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorSession>(Connections.Json, token))!;
    }

    /// <summary>An HTTP client for the server at <paramref name="url"/>: with <paramref name="cookies"/> a signed-in console's, otherwise a widget's.</summary>
    public static HttpClient HttpClientFor(Uri url, CookieContainer? cookies, int connections = 16) =>
        new(new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = cookies is not null, MaxConnectionsPerServer = connections })
        {
            BaseAddress = url,
        };

    private static async Task<VisitorSession[]> StartSessionsAsync(HttpClient http, int count, Action<string> progress)
    {
        var sessions = new VisitorSession[count];
        await Connections.ForEachAsync(count, 16, "visitor sessions", progress, async (i, token) => sessions[i] = await StartSessionAsync(http, i, token));
        return sessions;
    }

    /// <summary>
    /// One staff member per agent connection, as in a real call centre where each agent has a console or two: the
    /// supervisor imports <c>bench.agent.N</c> (call centre, on shift all day) with a password, then each signs in.
    /// </summary>
    private static async Task<CookieContainer[]> SignInAgentsAsync(Uri url, int count, Action<string> progress)
    {
        var rows = Enumerable.Range(0, count)
            .Select(a => new StaffRow($"bench.agent.{a}", $"Bench Agent {a}", "call-centre", "CallCentre", "00:00", "23:59", true, AgentPassword))
            .ToArray();
        using (var supervisor = HttpClientFor(url, await SignInAsync(url, Supervisor, "demo")))
        using (var imported = await supervisor.PostAsJsonAsync(HubPaths.AdminStaff, rows, Connections.Json))
        {
            imported.EnsureSuccessStatusCode();
        }

        var cookies = new CookieContainer[count];
        await Connections.ForEachAsync(count, 4, "agents signed in", progress, async (a, _) => cookies[a] = await SignInAsync(url, rows[a].Login!, AgentPassword));
        return cookies;
    }

    private static async Task<CookieContainer> SignInAsync(Uri url, string login, string password)
    {
        var cookies = new CookieContainer();
        using var http = HttpClientFor(url, cookies);
        using var response = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest(login, password), Connections.Json);
        response.EnsureSuccessStatusCode();
        return cookies;
    }
}
