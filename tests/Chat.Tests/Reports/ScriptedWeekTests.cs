using System.Net;
using Chat.Contracts;
using Chat.Server.OfflineQueue;
using Chat.Server.Storage;
using Chat.Tests.Api;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Reports;

/// <summary>
/// The supervisors' reports over a scripted week on a fake clock (Moscow, UTC+3): Monday 2 – Sunday 8 November 2026,
/// with Wednesday 4 November a holiday. Every figure below is worked out by hand from the script in
/// <see cref="ScriptedWeekFixture"/>; the comments there give the times the sums come from.
/// </summary>
[Trait("Area", "Reports")]
public abstract class ScriptedWeekTests(ScriptedWeekFixture week)
{
    private static readonly ReportRequest Week = new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 8));

    [Fact]
    public async Task The_first_response_counts_working_minutes_only()
    {
        var first = (await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week)).FirstResponse;

        // Waits: A 4, B 30, C 20 (Tue 18:50–19:00 and Thu 09:00–09:10, the holiday between), D 10 (Fri 18:55 → Mon 09:05),
        // E 180, H1–H5 0; F, G and S are not answered (G's longer-work notice is the system's, not an answer).
        // Nearest rank over the ten waits 0 0 0 0 0 4 10 20 30 180: p50 the 5th, p90 the 9th.
        Assert.Equal((10, 3), (first.Answered, first.Unanswered));
        Assert.Equal((0.0, 30.0), (first.P50Minutes, first.P90Minutes));
        Assert.Equal(
            [(new DateOnly(2026, 11, 2), 2, 4.0, 30.0), (new DateOnly(2026, 11, 3), 1, 20.0, 20.0), (new DateOnly(2026, 11, 5), 6, 0.0, 180.0), (new DateOnly(2026, 11, 6), 1, 10.0, 10.0)],
            first.Days.Select(d => (d.Day, d.Answered, d.P50Minutes!.Value, d.P90Minutes!.Value)));
    }

    [Fact]
    public async Task The_same_day_promise_is_kept_by_an_answer_or_a_notice_in_time_and_the_late_ones_are_listed()
    {
        var sameDay = (await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week)).SameDay;

        // C (queued Tue 18:50, due Tue 19:00, answered Thu) and D (queued Fri 18:55, due Fri 19:00, answered Mon) are late,
        // F was never answered; E was answered at 15:00 and G told at 11:00 that it needs longer work, both before 19:00;
        // S (queued Sunday 23:30) is due Monday 19:00, after the reports are read.
        Assert.Equal((6, 2, 3, 1, 0.4), (sameDay.Total, sameDay.Kept, sameDay.Overdue, sameDay.Pending, sameDay.KeptShare));
        Assert.Equal([week.C, week.F, week.D], sameDay.OverdueRequests.Select(r => r.ConversationId!.Value));
        Assert.Equal([At(11, 5, 9, 10), null, At(11, 9, 9, 5)], sameDay.OverdueRequests.Select(r => r.AnsweredAt));
        Assert.Equal([At(11, 3, 19, 0), At(11, 5, 19, 0), At(11, 6, 19, 0)], sameDay.OverdueRequests.Select(r => r.DueAt));
    }

    [Fact]
    public async Task Handoffs_are_counted_by_how_far_they_got_and_contact_is_timed_in_working_minutes()
    {
        var handoffs = (await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week)).Handoffs;

        // A's handoff (Mon 10:01) was contacted at 10:31; B's was delivered; the five of H were relayed only.
        Assert.Equal(7, handoffs.Total);
        Assert.Equal(
            [(HandoffStatus.Relayed, 5), (HandoffStatus.Delivered, 1), (HandoffStatus.Read, 0), (HandoffStatus.Accepted, 0), (HandoffStatus.Contacted, 1)],
            handoffs.Outcomes.Select(o => (o.Status, o.Count)));
        Assert.Equal((30.0, 30.0), (handoffs.P50MinutesToContact, handoffs.P90MinutesToContact));
    }

    [Fact]
    public async Task Consultations_per_company_and_week_refer_the_busy_company_to_training()
    {
        var consultations = (await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week)).Consultations;

        // Ромашка: A (6 min handling 10:04–10:10, 5 preparation) and H1–H5 (0 handling, 12 preparation each): 6 requests,
        // 71 minutes — above both thresholds (5 requests, 60 minutes). Vector Labs: B (10 min handling 11:30–11:40).
        Assert.Equal(
            [
                new CompanyWeek("ООО «Ромашка»", Week.From, 6, 6, 65, 71, ReferToTraining: true),
                new CompanyWeek("Vector Labs LLC", Week.From, 1, 10, 0, 10, ReferToTraining: false),
            ],
            consultations.OrderByDescending(c => c.Requests));
    }

    [Fact]
    public async Task Ratings_and_the_load_by_hour_of_the_week()
    {
        var reports = await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week);

        Assert.Equal((2, 3.5), (reports.Ratings.Count, reports.Ratings.Average));
        Assert.Equal([0, 1, 0, 0, 1], reports.Ratings.Distribution);
        var begun = reports.Load.Where(h => h.Conversations > 0).Select(h => (h.Hour, h.Conversations));
        Assert.Equal([(10, 2), (11, 1), (12, 1), (13, 1), (14, 5), (18, 2), (23, 1)], begun);
        Assert.Equal(Enumerable.Range(0, 24), reports.Load.Select(h => h.Hour));
        Assert.Equal("Europe/Moscow", reports.TimeZone);
    }

    [Fact]
    public async Task Filters_narrow_every_report_to_a_manager_a_company_or_a_channel()
    {
        var petrov = await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week with { Manager = "m.petrov" });
        // m.petrov held A, C and H1–H5: waits 4, 20 and five 0; A's rating; his seven handoffs less B's.
        Assert.Equal((7, 0.0, 20.0), (petrov.FirstResponse.Answered, petrov.FirstResponse.P50Minutes, petrov.FirstResponse.P90Minutes));
        Assert.Equal((1, 5.0), (petrov.Ratings.Count, petrov.Ratings.Average));
        Assert.Equal(6, petrov.Handoffs.Total);
        Assert.Equal(["ООО «Ромашка»"], petrov.Consultations.Select(c => c.Company));

        var vector = await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week with { Company = "Vector Labs LLC" });
        Assert.Equal((1, 30.0), (vector.FirstResponse.Answered, vector.FirstResponse.P50Minutes));
        Assert.Equal((1, 2.0), (vector.Ratings.Count, vector.Ratings.Average));
        Assert.Equal(1, vector.Handoffs.Total);

        var offline = await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week with { Channel = "offline" });
        // The offline forms E, F and G: E answered after 180 minutes; F and G wait for an answer.
        Assert.Equal((1, 2, 180.0, 180.0), (offline.FirstResponse.Answered, offline.FirstResponse.Unanswered, offline.FirstResponse.P50Minutes, offline.FirstResponse.P90Minutes));
        Assert.Equal((3, 2, 1), (offline.SameDay.Total, offline.SameDay.Kept, offline.SameDay.Overdue));

        var sales = await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week with { Department = "current-clients" });
        Assert.Equal((1, 30.0), (sales.FirstResponse.Answered, sales.FirstResponse.P50Minutes));
    }

    [Fact]
    public async Task A_manager_sees_only_their_own_figures_through_the_hub_and_the_api()
    {
        var own = await ScriptedWeekFixture.ReportsAsync(week.Smirnova, Week);
        Assert.Equal("m.smirnova", own.Request.Manager);
        Assert.Equal((1, 30.0), (own.FirstResponse.Answered, own.FirstResponse.P50Minutes));

        var refused = await Assert.ThrowsAsync<HubException>(() => ScriptedWeekFixture.ReportsAsync(week.Smirnova, Week with { Manager = "m.petrov" }));
        Assert.Equal([("manager", ErrorCodes.Forbidden)], ErrorCodes.ParseFields(refused.Message));
        var department = await Assert.ThrowsAsync<HubException>(() => ScriptedWeekFixture.ReportsAsync(week.Smirnova, Week with { Department = "sales" }));
        Assert.Equal([("department", ErrorCodes.Forbidden)], ErrorCodes.ParseFields(department.Message));

        using var supervisorKey = await week.ApiAsync("s.orlov");
        var overApi = (await supervisorKey.ReportsAsync("?from=2026-11-02&to=2026-11-08")).Ok();
        Assert.Equivalent(await ScriptedWeekFixture.ReportsAsync(week.Supervisor, Week), overApi, strict: true);

        using var managerKey = await week.ApiAsync("m.smirnova");
        var ownOverApi = (await managerKey.ReportsAsync("?from=2026-11-02&to=2026-11-08")).Ok();
        Assert.Equal(("m.smirnova", 1), (ownOverApi.Request.Manager, ownOverApi.FirstResponse.Answered));
        (await managerKey.ReportsAsync("?from=2026-11-02&to=2026-11-08&manager=m.petrov")).Refused(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
    }

    [Theory]
    [InlineData("?from=2026-11-08&to=2026-11-02", "to")]
    [InlineData("?from=2025-11-01&to=2026-11-08", "to")]
    [InlineData("?from=2026-11-02&to=2026-11-08&channel=fax", "channel")]
    [InlineData("?from=2.11.2026&to=2026-11-08", "from")]
    [InlineData("?to=2026-11-08", "from")]
    public async Task A_period_backwards_too_long_or_malformed_is_refused_with_its_field(string query, string field)
    {
        using var api = await week.ApiAsync("s.orlov");
        var answer = await api.ReportsAsync(query);

        Assert.Equal([field], answer.Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument).Errors.Select(f => f.Field));
    }

    /// <summary>
    /// A Moscow wall-clock time of 2026, kept with its +03:00 offset: the server's clock then hands out times with that
    /// offset, and every figure must still be the same (SQLite once compared such times by their local ticks).
    /// </summary>
    internal static DateTimeOffset At(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(3));
}

/// <summary>
/// Plays the week once per backend through real hub connections, moving the server's clock to each event's time:
/// <list type="bullet">
/// <item>Mon 10:00 A writes, 10:01 identifies as Ромашка (m.petrov's client), 10:04 m.petrov answers, 10:05 accepts the
/// handoff, 10:10 closes with 5 minutes' preparation, 10:11 A rates 5, 10:31 m.petrov records the contact.</item>
/// <item>Mon 11:00 B writes, 11:01 identifies as Vector Labs (m.smirnova's), 11:02 her console has the card, 11:30 she
/// answers, 11:40 closes, 11:41 B rates 2.</item>
/// <item>Tue 18:50 C writes — the duty pool's shift is over, so the message is queued; Thu 09:10 m.petrov answers.</item>
/// <item>Thu 12:00 E and 13:00 F leave the offline form; 14:00 H1–H5 write, identify as Ромашка, m.petrov answers and
/// closes each at once with 12 minutes' preparation; 15:00 cc.ivanova answers E.</item>
/// <item>Fri 10:00 G leaves the offline form, 11:00 cc.ivanova tells G it needs longer work; 18:55 D writes (queued);
/// Sun 23:30 S writes (queued; the last half hour of the week, which a comparison of local times would lose);
/// Mon 9 November 09:05 cc.ivanova answers D. The reports are read on Mon 9 November at 12:00.</item>
/// </list>
/// </summary>
public abstract class ScriptedWeekFixture(Backend backend) : IAsyncLifetime
{
    /// <summary>Presence renewed often on the test's clock, each entry living long enough to span a step of the script.</summary>
    private static readonly Dictionary<string, string?> Presence = new(HandoffSettings.Overrides)
    {
        ["Chat:Presence:EntryLifetime"] = "00:10:00",
        ["Chat:Presence:RenewInterval"] = "00:00:00.1",
        ["Chat:Presence:CheckInterval"] = "00:00:00.1",
    };

    private readonly FakeTimeProvider clock = new(ScriptedWeekTests.At(11, 2, 9, 0));
    private ChatServer? server;
    private Clients? clients;
    private HubConnection ivanova = null!;

    public HubConnection Supervisor { get; private set; } = null!;

    public HubConnection Smirnova { get; private set; } = null!;

    public Guid C { get; private set; }

    public Guid D { get; private set; }

    public Guid F { get; private set; }

    public async Task InitializeAsync()
    {
        server = await ChatServer.StartAsync(backend, Presence, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        clients = new Clients(server.BaseAddress);
        var (petrov, _) = await clients.AgentAsync("m.petrov");
        (Smirnova, _) = await clients.AgentAsync("m.smirnova");
        (ivanova, _) = await clients.AgentAsync("cc.ivanova");
        (Supervisor, _) = await clients.AgentAsync("s.orlov");

        var a = await WriteAsync(At(2, 10, 0), "Здравствуйте, вопрос по договору");
        var handoffA = await IdentifyAsync(a, At(2, 10, 1), "10001");
        await AnswerAsync(petrov, a, At(2, 10, 4));
        await MoveTo(At(2, 10, 5));
        await petrov.InvokeAsync<HandoffCard>("AcceptHandoff", handoffA);
        await CloseAsync(petrov, a, At(2, 10, 10), preparation: 5);
        await RateAsync(a, At(2, 10, 11), 5);
        await MoveTo(At(2, 10, 31));
        await petrov.InvokeAsync<HandoffCard>("RecordContact", new ContactRecord(handoffA, ContactMethod.Phone));

        var b = await WriteAsync(At(2, 11, 0), "Добрый день, не проходит оплата");
        var handoffB = await IdentifyAsync(b, At(2, 11, 1), "10002");
        await MoveTo(At(2, 11, 2));
        await Smirnova.InvokeAsync<HandoffCard>("AcknowledgeHandoff", handoffB);
        await AnswerAsync(Smirnova, b, At(2, 11, 30));
        await CloseAsync(Smirnova, b, At(2, 11, 40), preparation: 0);
        await RateAsync(b, At(2, 11, 41), 2);

        var c = await WriteAsync(At(3, 18, 50), "Как выгрузить отчёт?");
        C = c.Session.ConversationId;
        await WaitForDueAsync(C, due: true);
        await AnswerAsync(petrov, c, At(5, 9, 10));

        var e = await LeaveOfflineFormAsync(At(5, 12, 0));
        var f = await LeaveOfflineFormAsync(At(5, 13, 0));
        F = f.Session.ConversationId;
        for (var i = 0; i < 5; i++)
        {
            var h = await WriteAsync(At(5, 14, 0), $"Ещё вопрос по внедрению, {i + 1}");
            await IdentifyAsync(h, At(5, 14, 0), "10001");
            await AnswerAsync(petrov, h, At(5, 14, 0));
            await CloseAsync(petrov, h, At(5, 14, 0), preparation: 12);
        }

        await AnswerAsync(ivanova, e, At(5, 15, 0));

        var g = await LeaveOfflineFormAsync(At(6, 10, 0));
        await MoveTo(At(6, 11, 0));
        await ivanova.InvokeAsync<SendResult>("SendLongerWorkNotice", g.RequestId);
        var d = await WriteAsync(At(6, 18, 55), "Срочно: не открывается счёт");
        D = d.Session.ConversationId;
        await WaitForDueAsync(D, due: true);
        var s = await WriteAsync(At(8, 23, 30), "Добрый вечер, вопрос на понедельник");
        await LocalProcess.WaitUntilAsync(() => QueuedAsync(s.Session.ConversationId), "the Sunday message queued");
        await AnswerAsync(ivanova, d, At(9, 9, 5));
        await WaitForDueAsync(D, due: false);
        await MoveTo(At(9, 12, 0));
    }

    public static Task<ReportSet> ReportsAsync(HubConnection agent, ReportRequest request) => agent.InvokeAsync<ReportSet>("GetReports", request);

    /// <summary>An API client with a new key acting as <paramref name="login"/>, scoped to the reports.</summary>
    public async Task<ApiClient> ApiAsync(string login) => new(server!.BaseAddress, (await ApiKeys.CreateAsync(server.BaseAddress, login, ApiScopes.ReportsRead)).Secret);

    public async Task DisposeAsync()
    {
        if (clients is not null)
        {
            await clients.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static DateTimeOffset At(int day, int hour, int minute) => ScriptedWeekTests.At(11, day, hour, minute);

    /// <summary>
    /// Moves the clock to <paramref name="at"/> with the four consoles' presence live there. A presence entry lives
    /// <see cref="Presence"/>'s lifetime from its last renewal, and the renewals run on this clock: after a jump of hours
    /// the consoles would look gone (and a visitor's message be queued) until a renewal comes. So the clock first goes to
    /// just before the time, steps on until the presence is renewed, then goes to the time itself.
    /// </summary>
    private async Task MoveTo(DateTimeOffset at)
    {
        var step = TimeSpan.FromMilliseconds(100);
        var before = at - TimeSpan.FromSeconds(1);
        if (before > clock.GetUtcNow())
        {
            clock.SetUtcNow(before);
        }

        await LocalProcess.WaitUntilAsync(async () =>
        {
            if ((await Supervisor.InvokeAsync<PresenceSnapshot>("GetPresence")).Agents.Count == 4)
            {
                return true;
            }

            if (clock.GetUtcNow() + step < at)
            {
                clock.Advance(step);
            }

            return false;
        }, "the consoles' presence before " + at.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        clock.SetUtcNow(at);
    }

    /// <summary>
    /// Queueing a message and answering a queued item happen after the send returns. Whether the pool is there is read
    /// then, so the script waits for a message to be queued before it moves the clock on; an answer carries its message's
    /// time, so the clock moves on at once (only the last one is waited for, before the reports are read).
    /// </summary>
    private Task WaitForDueAsync(Guid conversationId, bool due) => LocalProcess.WaitUntilAsync(
        async () => (await ivanova.InvokeAsync<IReadOnlyList<DueItem>>("GetDueItems")).Any(i => i.ConversationId == conversationId) == due,
        due ? "the queued message" : "the answer of the queued message");

    private async Task<bool> QueuedAsync(Guid conversationId)
    {
        await using var scope = server!.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Set<OfflineItem>().AnyAsync(i => i.ConversationId == conversationId);
    }

    private async Task<Visit> WriteAsync(DateTimeOffset at, string text)
    {
        await MoveTo(at);
        var (session, hub, _, _) = await clients!.VisitorAsync();
        await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), text));
        return new Visit(session, hub, Guid.Empty);
    }

    private async Task<Visit> LeaveOfflineFormAsync(DateTimeOffset at)
    {
        await MoveTo(at);
        var (session, hub, _, _) = await clients!.VisitorAsync();
        var result = await hub.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", new OfflineMessage(Guid.NewGuid(), "Перезвоните, пожалуйста", "client@example.com", null));
        return new Visit(session, hub, result.RequestId);
    }

    private async Task<Guid> IdentifyAsync(Visit visit, DateTimeOffset at, string account)
    {
        await MoveTo(at);
        return (await visit.Hub.IdentifyAsync(account, phone: "+7 916 000-00-00")).HandoffId;
    }

    private async Task AnswerAsync(HubConnection agent, Visit visit, DateTimeOffset at)
    {
        await MoveTo(at);
        await agent.InvokeAsync<ResumeResult>("OpenConversation", visit.Session.ConversationId, 0L);
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(visit.Session.ConversationId, Guid.NewGuid(), "Здравствуйте! Отвечаю."));
    }

    private async Task CloseAsync(HubConnection agent, Visit visit, DateTimeOffset at, int preparation)
    {
        await MoveTo(at);
        await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(visit.Session.ConversationId, preparation));
    }

    private async Task RateAsync(Visit visit, DateTimeOffset at, int score)
    {
        await MoveTo(at);
        await visit.Hub.InvokeAsync<RatingResult>("Rate", new RatingRequest(score, null));
    }

    private sealed record Visit(VisitorSession Session, HubConnection Hub, Guid RequestId);
}

public sealed class EmbeddedScriptedWeekFixture() : ScriptedWeekFixture(Backend.Embedded);

public sealed class RedisPostgresScriptedWeekFixture() : ScriptedWeekFixture(Backend.RedisPostgres);

[Trait("Area", "Reports")]
public sealed class EmbeddedScriptedWeekTests(EmbeddedScriptedWeekFixture week) : ScriptedWeekTests(week), IClassFixture<EmbeddedScriptedWeekFixture>;

[Trait("Area", "Reports")]
public sealed class RedisPostgresScriptedWeekTests(RedisPostgresScriptedWeekFixture week) : ScriptedWeekTests(week), IClassFixture<RedisPostgresScriptedWeekFixture>;
