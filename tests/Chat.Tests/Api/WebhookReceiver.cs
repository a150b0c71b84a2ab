using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace Chat.Tests.Api;

/// <summary>A delivery as the receiver got it: its headers, its body and whether the signature holds for the secret.</summary>
public sealed record ReceivedEvent(string Id, long Timestamp, string Signature, string Body)
{
    public JsonElement Envelope => JsonDocument.Parse(Body).RootElement;

    public string Type => Envelope.GetProperty("type").GetString()!;

    public Guid? ConversationId => Envelope.GetProperty("conversationId").ValueKind == JsonValueKind.Null ? null : Envelope.GetProperty("conversationId").GetGuid();

    public JsonElement Data => Envelope.GetProperty("data");

    /// <summary>
    /// The verification docs/api.md describes: HMAC-SHA256 keyed with the secret's bytes (base64 after <c>whsec_</c>) over
    /// <c>{id}.{timestamp}.{body}</c>, compared in constant time with the <c>v1,</c> signature.
    /// </summary>
    public bool SignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}"));
        return Signature.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(Signature["v1,".Length..]));
    }
}

/// <summary>What the receiver does with a call (by its number, from 1): answer 200, answer 200 after 20 ms, answer 500, or hang past the sender's timeout.</summary>
public enum ReceiverAnswer
{
    Ok,
    Slow,
    Fail,
    Hang,
}

/// <summary>A real HTTP receiver on Kestrel, on a loopback port, recording every delivery it answered 200 (and counting all calls).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedEvent> received = new();
    private int calls;

    private WebhookReceiver(int port, Func<int, ReceiverAnswer> answer)
    {
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var call = Interlocked.Increment(ref calls);
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            switch (answer(call))
            {
                case ReceiverAnswer.Fail:
                    return Results.StatusCode(StatusCodes.Status500InternalServerError);
                case ReceiverAnswer.Hang:
                    await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
                case ReceiverAnswer.Slow:
                    await Task.Delay(TimeSpan.FromMilliseconds(20));
                    goto default;
                default:
                    received.Enqueue(new ReceivedEvent(
                        context.Request.Headers[WebhookHeaders.Id].ToString(),
                        long.Parse(context.Request.Headers[WebhookHeaders.Timestamp].ToString(), System.Globalization.CultureInfo.InvariantCulture),
                        context.Request.Headers[WebhookHeaders.Signature].ToString(),
                        body));
                    return Results.Ok();
            }
        });
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Everything answered 200, in the order it arrived.</summary>
    public IReadOnlyList<ReceivedEvent> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync(Func<int, ReceiverAnswer>? answer = null, int? port = null)
    {
        var receiver = new WebhookReceiver(port ?? LocalProcess.FreePort(), answer ?? (_ => ReceiverAnswer.Ok));
        await receiver.app.StartAsync();
        return receiver;
    }

    public async Task<IReadOnlyList<ReceivedEvent>> WaitForAsync(Func<IReadOnlyList<ReceivedEvent>, bool> done, TimeSpan? timeout = null)
    {
        await LocalProcess.WaitUntilAsync(() => Task.FromResult(done(Received)), "the webhook deliveries", timeout ?? TimeSpan.FromSeconds(30));
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>The admin's webhook endpoints, with the admin key.</summary>
public static class Webhooks
{
    public static HttpClient Admin(Uri server)
    {
        var admin = TestClients.Http(server);
        admin.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, Handoff.HandoffSettings.AdminKey);
        return admin;
    }

    public static async Task<CreatedWebhook> CreateAsync(Uri server, Uri url, params string[] events)
    {
        using var admin = Admin(server);
        var response = await admin.PostAsJsonAsync(HubPaths.AdminWebhooks, new WebhookRequest(url.ToString(), events.Length == 0 ? [.. WebhookEvents.All] : events), TestClients.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedWebhook>(TestClients.Json))!;
    }

    public static async Task<WebhookInfo> GetAsync(Uri server, Guid id)
    {
        using var admin = Admin(server);
        var all = await admin.GetFromJsonAsync<List<WebhookInfo>>(HubPaths.AdminWebhooks, TestClients.Json);
        return Assert.Single(all!, w => w.Id == id);
    }

    /// <summary>Imports a staff member with the Admin role for the test (the demo has no administrator); answers their login and password.</summary>
    public static async Task<(string Login, string Password)> ImportAdministratorAsync(Uri server)
    {
        using var admin = Admin(server);
        var login = $"a.{Guid.NewGuid():N}"[..12];
        const string password = "administrator";
        var csv = $"login,name,department,role,shiftStart,shiftEnd,password\n{login},Администратор,sales,Admin,00:00,23:59,{password}\n";
        var imported = await admin.PostAsync(HubPaths.AdminStaff, new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        return (login, password);
    }

    /// <summary>An administrator's console connection, of a staff member imported for the test.</summary>
    public static async Task<HubConnection> AdministratorAsync(Uri server)
    {
        var (login, password) = await ImportAdministratorAsync(server);
        var hub = TestClients.AgentConnection(server, await TestClients.SignInAgentAsync(server, login, password));
        await hub.StartAsync();
        return hub;
    }

    public static async Task DeleteAsync(Uri server, Guid id)
    {
        using var admin = Admin(server);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"{HubPaths.AdminWebhooks}/{id}")).StatusCode);
    }
}
