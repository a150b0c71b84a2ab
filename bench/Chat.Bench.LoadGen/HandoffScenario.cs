using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Bench.LoadGen;

/// <summary>
/// The handoff feature (docs/protocol.md, "Identify", "HandoffReceived", admin import): (d) importing
/// accounts through <c>POST /api/admin/accounts</c>, and (c) visitors identifying themselves at a fixed
/// rate while the managers' consoles wait for the cards. A server without the feature answers the first
/// call with "method does not exist" / 404, and the scenario reports itself skipped.
/// </summary>
internal static class HandoffScenario
{
    private static readonly string[] Managers = ["m.petrov", "m.smirnova"];
    private static readonly string[] Consoles = ["m.petrov", "m.smirnova", "cc.ivanova"];

    /// <summary>The accounts of import round <paramref name="round"/>: ids, a personal manager each, one phone each.</summary>
    private static IEnumerable<AccountRow> Accounts(int round, int count) =>
        Enumerable.Range(0, count).Select(i => new AccountRow(
            Id: AccountId(round, i),
            Name: string.Create(CultureInfo.InvariantCulture, $"Bench client {round}-{i}"),
            Company: string.Create(CultureInfo.InvariantCulture, $"Bench {round}-{i} LLC"),
            Tariff: "business",
            Manager: Managers[i % Managers.Length],
            DedicatedManager: null,
            Phones: [Phone(round, i)],
            Emails: [string.Create(CultureInfo.InvariantCulture, $"client{round}-{i}@bench.example")]));

    private static string AccountId(int round, int i) => string.Create(CultureInfo.InvariantCulture, $"bench{round}{i:D6}");

    private static string Phone(int round, int i) => string.Create(CultureInfo.InvariantCulture, $"+7916{round % 10}{i:D6}");

    public static async Task<Dictionary<string, object>> ImportAsync(Options options, Action<string> progress)
    {
        var url = new Uri(options.Text("url"));
        var count = options.Int("accounts", 10_000);
        var round = options.Int("round", 1);
        var (http, _) = await SignedInAsync(url, "s.orlov");
        using var client = http;
        var rows = Accounts(round, count).ToList();
        progress($"importing {count} accounts as the supervisor");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync(HubPaths.AdminAccounts, rows, Connections.Json);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return Skipped($"the server has no {HubPaths.AdminAccounts} (the account import of the handoff feature is not in this build)");
        }

        response.EnsureSuccessStatusCode();
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>(Connections.Json))!;
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["accounts"] = count,
            ["seconds"] = Math.Round(seconds, 2),
            ["inserted"] = result.Inserted,
            ["updated"] = result.Updated,
            ["refused"] = result.Errors.Count,
            ["firstRefusal"] = result.Errors.Count == 0 ? string.Empty : $"line {result.Errors[0].Line} {result.Errors[0].Field}: {result.Errors[0].Message}",
        };
    }

    public static async Task<Dictionary<string, object>> HandoffAsync(Options options, Action<string> progress)
    {
        var url = new Uri(options.Text("url"));
        var rate = options.Double("rate", 50);
        var warmup = TimeSpan.FromSeconds(options.Double("warmup", 2));
        var duration = TimeSpan.FromSeconds(options.Double("duration", 10));
        var round = options.Int("round", 1);
        var accounts = options.Int("accounts", 10_000);
        var count = (int)Math.Ceiling(rate * (warmup + duration).TotalSeconds);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = url };

        var latency = new LatencyRecorder();
        var pending = new ConcurrentDictionary<Guid, long>();
        long cards = 0, toAssignedManager = 0, errors = 0;
        string? firstError = null;
        var consoles = new List<HubConnection>();
        var visitors = new HubConnection?[count];
        var conversations = new Guid[count];
        try
        {
            foreach (var login in Consoles)
            {
                var (signIn, cookies) = await SignedInAsync(url, login);
                signIn.Dispose();
                var console = Connections.Build(new Uri(url, HubPaths.Agent), o => o.Cookies = cookies);
                console.On<HandoffCard>("HandoffReceived", card =>
                {
                    var now = Stopwatch.GetTimestamp();
                    if (pending.TryRemove(card.ConversationId, out var sentAt))
                    {
                        latency.Record(sentAt, now);
                        Interlocked.Increment(ref cards);
                        if (card.AssignedTo == login)
                        {
                            Interlocked.Increment(ref toAssignedManager);
                        }
                    }

                    _ = console.InvokeAsync<HandoffCard>("AcknowledgeHandoff", card.Id);
                });
                consoles.Add(console);
                await console.StartAsync();
            }

            await Connections.ForEachAsync(count, 16, "identifying visitors connected", progress, async (i, token) =>
            {
                using var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest($"Bench visitor {i}", "en", null), Connections.Json, token);
                response.EnsureSuccessStatusCode();
                var session = (await response.Content.ReadFromJsonAsync<VisitorSession>(Connections.Json, token))!;
                var visitor = Connections.Build(new Uri(url, HubPaths.Visitor), o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.Token));
                await visitor.StartAsync(token);
                conversations[i] = session.ConversationId;
                visitors[i] = visitor;
            });

            async Task Identify(int i)
            {
                var visitor = visitors[i]!;
                var request = new IdentifyRequest(Guid.NewGuid(), AccountId(round, i % accounts), Phone(round, i % accounts), null, null, "Bench: please call me back");
                var conversation = conversations[i];
                pending[conversation] = Stopwatch.GetTimestamp();
                try
                {
                    await visitor.InvokeAsync<HandoffReceipt>("Identify", request);
                }
                catch (HubException e)
                {
                    pending.TryRemove(conversation, out _);
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }

            await Identify(0);
            if (firstError is not null && (firstError.Contains("does not exist", StringComparison.OrdinalIgnoreCase) || firstError.Contains("Unknown hub method", StringComparison.OrdinalIgnoreCase)))
            {
                return Skipped("the server has no Identify hub method (the handoff feature is not in this build)");
            }

            progress($"{count} visitors identify at {rate}/s ({warmup.TotalSeconds} s warm-up, {duration.TotalSeconds} s measured)");
            var start = Stopwatch.GetTimestamp();
            var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            latency.OpenWindow(windowStart, windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency));
            var calls = new List<Task>();
            for (var i = 1; i < count; i++)
            {
                var due = start + (long)(i / rate * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
                }

                calls.Add(Identify(i));
            }

            await Task.WhenAll(calls);
            var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
            while (!pending.IsEmpty && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(50);
            }

            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["offeredPerSec"] = rate,
                ["perSec"] = Math.Round(latency.Count / duration.TotalSeconds, 1),
                ["p50Ms"] = Math.Round(latency.PercentileMs(50), 2),
                ["p99Ms"] = Math.Round(latency.PercentileMs(99), 2),
                ["maxMs"] = Math.Round(latency.MaxMs, 2),
                ["identifications"] = count,
                ["cards"] = Interlocked.Read(ref cards),
                ["toAssignedManager"] = Interlocked.Read(ref toAssignedManager),
                ["lost"] = pending.Count,
                ["errors"] = Interlocked.Read(ref errors),
                ["firstError"] = firstError ?? string.Empty,
            };
        }
        finally
        {
            await Connections.CloseAllAsync([.. visitors, .. consoles], TimeSpan.FromSeconds(15));
        }
    }

    private static Dictionary<string, object> Skipped(string reason) => new(StringComparer.Ordinal) { ["skipped"] = reason };

    /// <summary>Signs <paramref name="login"/> in (the demo password) and returns the HTTP client holding its console cookie.</summary>
    private static async Task<(HttpClient Http, CookieContainer Cookies)> SignedInAsync(Uri url, string login)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
        using var response = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest(login, "demo"), Connections.Json);
        response.EnsureSuccessStatusCode();
        return (http, cookies);
    }
}
