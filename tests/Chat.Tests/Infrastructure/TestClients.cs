using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Infrastructure;

/// <summary>Real clients of a <see cref="ChatServer"/>: HTTP and SignalR over the loopback network.</summary>
public static class TestClients
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static HttpClient Http(Uri baseAddress, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = baseAddress };

    public static async Task<VisitorSession> StartVisitorSessionAsync(Uri baseAddress, string name = "Ольга")
    {
        using var http = Http(baseAddress);
        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(name, "ru", null), Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorSession>(Json))!;
    }

    public static HubConnection VisitorConnection(Uri baseAddress, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, HubPaths.Visitor), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    /// <summary>Signs in through the HTTP endpoint and returns the cookies of the console session.</summary>
    public static async Task<CookieContainer> SignInAgentAsync(Uri baseAddress, string login = "m.petrov", string password = "demo")
    {
        var cookies = new CookieContainer();
        using var http = Http(baseAddress, cookies);
        var response = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest(login, password), Json);
        response.EnsureSuccessStatusCode();
        return cookies;
    }

    public static HubConnection AgentConnection(Uri baseAddress, CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, HubPaths.Agent), o => o.Cookies = cookies)
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();

    /// <summary>Collects a hub event's payloads and lets a test wait for one that matches.</summary>
    public static EventLog<T> Record<T>(this HubConnection connection, string eventName) => new(connection, eventName);
}

/// <summary>What a hub connection received for one event, in arrival order.</summary>
public sealed class EventLog<T>
{
    private readonly List<T> items = [];
    private readonly Lock gate = new();
    private readonly SemaphoreSlim arrived = new(0);

    public EventLog(HubConnection connection, string eventName) =>
        connection.On<T>(eventName, item =>
        {
            lock (gate)
            {
                items.Add(item);
            }

            arrived.Release();
        });

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (gate)
            {
                return [.. items];
            }
        }
    }

    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = Items.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrived.WaitAsync(left))
            {
                throw new TimeoutException($"No matching event arrived; got {Items.Count}.");
            }
        }
    }
}
