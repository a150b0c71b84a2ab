using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Chat.Contracts;
using Chat.Server.OfflineQueue;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Reports;

/// <summary>
/// The operators' metrics on the production shape (PostgreSQL and Redis): the Prometheus endpoint is guarded like the
/// admin API and shows connections by hub, messages stored, write batches, the offline queue and the dependencies' health.
/// </summary>
[Trait("Area", "Reports")]
public sealed partial class MetricsTests : IAsyncLifetime
{
    private const string AdminKey = "metrics-test-admin-key";
    private readonly FakeTimeProvider clock = new(DemoClock.Sunday);
    private ChatServer server = null!;

    public async Task InitializeAsync() =>
        server = await ChatServer.StartAsync(Backend.RedisPostgres,
            new Dictionary<string, string?> { ["Chat:Admin:ApiKey"] = AdminKey, ["Chat:Telemetry:SampleInterval"] = "00:00:00.200" },
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task The_endpoint_answers_only_the_admin_key_or_an_admin_session()
    {
        using var http = TestClients.Http(server.BaseAddress);

        var anonymous = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { { HubPaths.AdminKeyHeader, "guess" } } };
        var guessed = await http.SendAsync(wrong);
        using var manager = TestClients.Http(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress, "m.petrov"));
        using var supervisor = TestClients.Http(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress, "s.orlov"));

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
        await using var agent = TestClients.AgentConnection(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress));
        await agent.StartAsync();
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var visitor = TestClients.VisitorConnection(server.BaseAddress, session.Token);
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
        Assert.Equal(0, figures.Value("chat_offline_queue_overdue"));
        Assert.Equal(1, figures.Value("chat_dependency_up", "dependency=\"database\""));
        Assert.Equal(1, figures.Value("chat_dependency_up", "dependency=\"redis\""));

        clock.Advance(TimeSpan.FromDays(2));
        await visitor.StopAsync();
        (_, truth) = await ScrapeUntilAsync((f, t) => f.Value("chat_offline_queue_overdue") == t.Overdue && f.Value("chat_connections", "hub=\"visitor\"") == 0);
        Assert.InRange(truth.Overdue, 1, truth.Queued);
    }

    /// <summary>What the database holds: messages, queued items not acknowledged, and those of them overdue and unanswered.</summary>
    private async Task<Truth> TruthAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var items = db.Set<OfflineItem>().Where(i => i.State != QueuedItemState.Acknowledged);
        var now = clock.GetUtcNow();
        return new Truth(await db.Messages.CountAsync(), await items.CountAsync(), await items.CountAsync(i => i.AnsweredAt == null && i.DueAt < now));
    }

    /// <summary>Scrapes until the figures agree with the database as read at the same turn (items are queued in the background).</summary>
    private async Task<(Figures Figures, Truth Truth)> ScrapeUntilAsync(Func<Figures, Truth, bool> agree)
    {
        using var http = TestClients.Http(server.BaseAddress);
        http.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, AdminKey);
        var figures = new Figures(string.Empty);
        var truth = new Truth(0, 0, 0);
        await LocalProcess.WaitUntilAsync(async () =>
        {
            truth = await TruthAsync();
            figures = new Figures(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
            return agree(figures, truth);
        }, $"metrics agreeing with the database ({truth})");
        return (figures, truth);
    }

    private sealed record Truth(int Stored, int Queued, int Overdue);

    /// <summary>A Prometheus text exposition, read by metric name and one of its labels.</summary>
    private sealed partial class Figures(string text)
    {
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
