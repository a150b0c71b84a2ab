using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Chat.Contracts;
using Chat.Server.OfflineQueue;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Chat.Tests.Reports;

/// <summary>
/// The operators' metrics on the production shape: the server as its own process (a meter is process-wide, so servers
/// sharing the test process would count each other's traffic) on PostgreSQL and Redis. The Prometheus endpoint is
/// guarded like the admin API and shows connections by hub, messages stored, write batches, the offline queue and the
/// dependencies' health, each checked against the database.
/// </summary>
[Trait("Area", "Reports")]
public sealed partial class MetricsTests : IAsyncLifetime
{
    private const string AdminKey = "metrics-test-admin-key";
    private ServerNode server = null!;
    private string database = null!;

    public async Task InitializeAsync()
    {
        database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        server = new ServerNode(database, (await RedisServer.Shared).ConnectionString, new Dictionary<string, string>
        {
            ["Chat__Admin__ApiKey"] = AdminKey,
            ["Chat__Telemetry__SampleInterval"] = "00:00:00.200",
            ["Chat__Redis__KeyPrefix"] = $"metrics-{Guid.NewGuid():N}"[..24],
        });
        await server.StartAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_endpoint_answers_only_the_admin_key_or_an_admin_session()
    {
        using var http = TestClients.Http(server.Address);

        var anonymous = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { HubPaths.AdminKeyHeader, "guess" } } };
        var guessed = await http.SendAsync(wrong);
        using var manager = TestClients.Http(server.Address, await TestClients.SignInAgentAsync(server.Address, "m.petrov"));
        using var supervisor = TestClients.Http(server.Address, await TestClients.SignInAgentAsync(server.Address, "s.orlov"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(ErrorCodes.Unauthenticated, await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Connections_stored_messages_batches_the_queue_and_the_dependencies_are_measured()
    {
        const int Sent = 12;
        await using var agent = TestClients.AgentConnection(server.Address, await TestClients.SignInAgentAsync(server.Address));
        await agent.StartAsync();
        var session = await TestClients.StartVisitorSessionAsync(server.Address);
        await using var visitor = TestClients.VisitorConnection(server.Address, session.Token);
        await visitor.StartAsync();
        await Task.WhenAll(Enumerable.Range(1, Sent).Select(i => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), $"Вопрос {i}"))));
        var retried = new VisitorSend(Guid.NewGuid(), "Повтор");
        await visitor.InvokeAsync<SendResult>("SendMessage", retried);
        await visitor.InvokeAsync<SendResult>("SendMessage", retried);
        await visitor.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", new OfflineMessage(Guid.NewGuid(), "Перезвоните в понедельник", "olga@example.com", null));

        var (figures, truth) = await ScrapeUntilAsync((f, t) => f.Value("chat_offline_queue_depth") == t.Queued && f.Value("chat_messages_stored_total") == t.Stored);

        Assert.InRange(truth.Stored, Sent + 2, int.MaxValue);
        Assert.InRange(truth.Queued, 1, int.MaxValue);
        Assert.Equal(1, figures.Value("chat_connections", "hub=\"visitor\""));
        Assert.Equal(1, figures.Value("chat_connections", "hub=\"agent\""));
        Assert.InRange(figures.Value("chat_write_batch_size_count"), 1, truth.Stored + 1);
        Assert.Equal(truth.Stored + 1, figures.Value("chat_write_batch_size_sum"));
        Assert.Equal(figures.Value("chat_write_batch_size_count"), figures.Value("chat_write_duration_seconds_count"));
        Assert.Equal(1, figures.Value("chat_dependency_up", "dependency=\"database\""));
        Assert.Equal(1, figures.Value("chat_dependency_up", "dependency=\"redis\""));

        await visitor.StopAsync();
        await AddOverdueItemAsync(session.ConversationId);
        (_, truth) = await ScrapeUntilAsync((f, t) => f.Value("chat_offline_queue_overdue") == t.Overdue && f.Value("chat_connections", "hub=\"visitor\"") == 0);
        Assert.InRange(truth.Overdue, 1, truth.Queued);
    }

    private PostgresChatDbContext Database() => new(new DbContextOptionsBuilder<PostgresChatDbContext>().UseNpgsql(database).Options);

    /// <summary>A queued item whose due time passed an hour ago, as one left yesterday and still unanswered would be.</summary>
    private async Task AddOverdueItemAsync(Guid conversationId)
    {
        await using var db = Database();
        var now = DateTimeOffset.UtcNow;
        db.Add(new OfflineItem
        {
            Id = Guid.CreateVersion7(), Kind = OfflineItemKinds.OfflineRequest, TargetKind = QueueTargetKind.Pool, Target = "call-centre",
            ConversationId = conversationId, Payload = "{}", CreatedAt = now.AddDays(-1), DueAt = now.AddHours(-1), State = QueuedItemState.Queued,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>What the database holds: messages, queued items not acknowledged, and those of them overdue and unanswered.</summary>
    private async Task<Truth> TruthAsync()
    {
        await using var db = Database();
        var items = db.Set<OfflineItem>().Where(i => i.State != QueuedItemState.Acknowledged);
        var now = DateTimeOffset.UtcNow;
        return new Truth(await db.Messages.CountAsync(), await items.CountAsync(), await items.CountAsync(i => i.AnsweredAt == null && i.DueAt < now));
    }

    /// <summary>Scrapes until the figures agree with the database as read at the same turn (items are queued in the background).</summary>
    private async Task<(Figures Figures, Truth Truth)> ScrapeUntilAsync(Func<Figures, Truth, bool> agree)
    {
        using var http = TestClients.Http(server.Address);
        http.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, AdminKey);
        var figures = new Figures(string.Empty);
        var truth = new Truth(0, 0, 0);
        try
        {
            await LocalProcess.WaitUntilAsync(async () =>
            {
                truth = await TruthAsync();
                figures = new Figures(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
                return agree(figures, truth);
            }, "metrics agreeing with the database");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Database: {truth}; metrics: {figures}", e);
        }

        return (figures, truth);
    }

    private sealed record Truth(int Stored, int Queued, int Overdue);

    /// <summary>A Prometheus text exposition, read by metric name and one of its labels.</summary>
    private sealed partial class Figures(string text)
    {
        public override string ToString() => string.Join(" ", text.Split('\n').Where(line => line.StartsWith("chat_", StringComparison.Ordinal)));

        public double Value(string name, string? label = null) =>
            Sample().Matches(text)
                .Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
                .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
                .DefaultIfEmpty(double.NaN)
                .Sum();

        [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
        private static partial Regex Sample();
    }
}
