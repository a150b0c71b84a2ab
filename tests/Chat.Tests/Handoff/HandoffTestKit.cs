using Chat.Contracts;
using Chat.Server.Policy;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Handoff;

/// <summary>The settings handoff tests run with: a known admin key and room for many identifications from one address.</summary>
public static class HandoffSettings
{
    public const string AdminKey = "test-admin-key";

    public static readonly IReadOnlyDictionary<string, string?> Overrides = new Dictionary<string, string?>
    {
        ["Chat:Admin:ApiKey"] = AdminKey,
        ["Chat:Handoff:AttemptsPerAddress"] = "1000",
    };
}

public sealed class EmbeddedHandoffFixture() : ServerFixture(Backend.Embedded, HandoffSettings.Overrides);

public sealed class RedisPostgresHandoffFixture() : ServerFixture(Backend.RedisPostgres, HandoffSettings.Overrides);

/// <summary>Connections a handoff test opens, closed at its end.</summary>
public sealed class Clients(Uri server) : IAsyncDisposable
{
    private readonly List<HubConnection> connections = [];

    public async Task<(VisitorSession Session, HubConnection Hub, EventLog<HandoffUpdate> Updates, EventLog<ChatMessage> Messages)> VisitorAsync(string name = "Ольга")
    {
        var session = await TestClients.StartVisitorSessionAsync(server, name);
        var hub = TestClients.VisitorConnection(server, session.Token);
        var updates = hub.Record<HandoffUpdate>(nameof(IVisitorClient.HandoffUpdated));
        var messages = hub.Record<ChatMessage>(nameof(IVisitorClient.MessageReceived));
        connections.Add(hub);
        await hub.StartAsync();
        return (session, hub, updates, messages);
    }

    public async Task<(HubConnection Hub, EventLog<HandoffCard> Cards)> AgentAsync(string login)
    {
        var hub = TestClients.AgentConnection(server, await TestClients.SignInAgentAsync(server, login));
        var cards = hub.Record<HandoffCard>(nameof(IAgentClient.HandoffReceived));
        connections.Add(hub);
        await hub.StartAsync();
        return (hub, cards);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }
}

public static class HandoffCalls
{
    public static Task<HandoffReceipt> IdentifyAsync(this HubConnection visitor, string account, string? phone = null, string? email = null, Guid? requestId = null, string? topic = null) =>
        visitor.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(requestId ?? Guid.NewGuid(), account, phone, email, null, topic));

    /// <summary>An hour on the next working day, 10:00–11:00 in the policy's zone: inside every demo manager's shift.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) NextWorkingHour(IServiceProvider services)
    {
        var calendar = services.GetRequiredService<IOfficeCalendar>();
        var day = calendar.DayOf(DateTimeOffset.UtcNow).AddDays(1);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(10, 0)), calendar.TimeZone), TimeSpan.Zero);
        return (from, from.AddHours(1));
    }

    public static string Text(IServiceProvider services, Func<VisitorTextOptions, string> pick) =>
        pick(services.GetRequiredService<IVisitorTexts>().InLanguage("ru"));
}
