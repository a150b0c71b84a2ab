using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

// The framework's limit: a hub that relays a string between a visitor connection and its paired
// agent connection, nothing else (no authentication, no storage, no backplane). Same JSON protocol
// (enums as names) as the Chat server.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.AddSingleton<Pairs>();

var app = builder.Build();
app.MapGet("/health/ready", () => "ok");
app.MapHub<RelayHub>("/hubs/relay");
await app.RunAsync();

/// <summary>Which connection holds each side of each pair.</summary>
internal sealed class Pairs
{
    public ConcurrentDictionary<string, string> Visitors { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> Agents { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A visitor connection registers its pair id; an agent connection registers every pair id it serves.
/// A text sent by one side is pushed to the other side as <c>Relay(pairId, text)</c>.
/// </summary>
internal sealed class RelayHub(Pairs pairs) : Hub
{
    public void JoinAsVisitor(string pairId) => pairs.Visitors[pairId] = Context.ConnectionId;

    public void JoinAsAgent(string pairId) => pairs.Agents[pairId] = Context.ConnectionId;

    public Task VisitorSend(string pairId, string text) =>
        pairs.Agents.TryGetValue(pairId, out var agent) ? Clients.Client(agent).SendAsync("Relay", pairId, text) : Task.CompletedTask;

    public Task AgentSend(string pairId, string text) =>
        pairs.Visitors.TryGetValue(pairId, out var visitor) ? Clients.Client(visitor).SendAsync("Relay", pairId, text) : Task.CompletedTask;
}
