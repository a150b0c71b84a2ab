using System.Text;
using Chat.Contracts;
using Chat.Server.OfflineQueue;
using Chat.Server.Storage;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Chat.Tests.Console;

/// <summary>
/// The reports view in Chromium over a week played on the server's fake clock (Moscow, the week of Monday 23 November
/// 2026): a supervisor sees everyone's figures drawn and tabled and downloads a table as CSV; a manager sees only her own
/// and is refused anyone else's.
/// </summary>
[Trait("Area", "Reports")]
public sealed class ConsoleReportsBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(Moscow(2026, 11, 23, 10, 0));
    private ChatServer server = null!;

    private Uri Server => server.BaseAddress;

    public async Task InitializeAsync() =>
        server = await ChatServer.StartAsync(Backend.Embedded, ConsoleSettings.Overrides, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_supervisor_sees_the_week_charted_and_tabled_and_downloads_it_and_a_manager_sees_only_her_own()
    {
        await PlayTheWeekAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, AcceptDownloads = true, Locale = "ru-RU" });

        var page = await ReportsPageAsync(context, "s.orlov");
        await Assertions.Expect(page.GetByTestId("reports-manager")).ToBeVisibleAsync();
        await Assertions.Expect(Rows(page, "first-response")).ToHaveCountAsync(5);
        Assert.Equal(
            [["пн, 23.11", "1", "4 мин", "4 мин"], ["вт, 24.11", "1", "2 мин", "2 мин"], ["пт, 27.11", "1", "10 мин", "10 мин"], ["Весь период", "3", "4 мин", "10 мин"], ["Без ответа", "1", "", ""]],
            await CellsAsync(page, "first-response"));
        Assert.Equal([["1", "0"], ["2", "1"], ["3", "0"], ["4", "0"], ["5", "1"], ["Всего оценок", "2"], ["Средняя оценка", "3,5"]], await CellsAsync(page, "ratings"));
        Assert.Equal([["ООО «Ромашка»", "пн, 23.11 — вс, 29.11", "1", "6 мин", "5 мин", "11 мин", "нет"]], await CellsAsync(page, "consultations"));
        Assert.Equal(
            [["офлайн-заявка", "call-centre", "24.11, 20:00", "25.11, 19:00", "ещё нет", "Открыть диалог"],
             ["сообщение без ответа", "call-centre", "27.11, 18:55", "27.11, 19:00", "30.11, 09:05", "Открыть диалог"]],
            await CellsAsync(page, "overdue"));
        var load = await CellsAsync(page, "load");
        Assert.Equal(24, load.Length);
        Assert.Equal(["10:00–11:00", "11:00–12:00", "18:00–19:00", "20:00–21:00"], load.Where(row => row[1] == "1").Select(row => row[0]));
        Assert.All(load.Where(row => row[1] != "1"), row => Assert.Equal("0", row[1]));
        Assert.Equal(
            [["Выполнено в срок", "2"], ["Просрочено", "2"], ["Срок ещё не наступил", "0"], ["Всего обращений", "4"], ["Доля выполненных в срок", "50 %"]],
            await CellsAsync(page, "same-day"));
        Assert.Equal(
            [["Отправлена", "1"], ["Доставлена", "0"], ["Прочитана", "0"], ["Принята", "0"], ["Связались с клиентом", "0"], ["Всего", "1"],
             ["Время до связи с клиентом, медиана", "—"], ["Время до связи с клиентом, 90-й процентиль", "—"]],
            await CellsAsync(page, "handoffs"));
        foreach (var chart in new[] { "first-response", "same-day", "handoffs", "ratings", "load" })
        {
            Assert.True(await page.GetByTestId($"chart-{chart}").EvaluateAsync<bool>(DrawnScript), $"The {chart} chart is drawn.");
        }

        Assert.DoesNotMatch("[A-Za-z]", await VisibleTextAsync(page));
        await ConsoleScreenshots.SaveAsync(page, "console-reports");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-first-response").ClickAsync());
        Assert.Equal("reports-first-response-2026-11-23_2026-11-29.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal(
            "День;Отвечено;Медиана, мин;90-й процентиль, мин\r\n2026-11-23;1;4;4\r\n2026-11-24;1;2;2\r\n2026-11-27;1;10;10\r\nВесь период;3;4;10\r\nБез ответа;1;;\r\n",
            Encoding.UTF8.GetString(bytes[3..]));

        await Rows(page, "overdue").First.GetByTestId("open-conversation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reports-panel")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#transcript")).ToContainTextAsync("Нужен счёт на оплату, перезвоните");

        var manager = await ReportsPageAsync(context, "m.smirnova");
        await Assertions.Expect(manager.GetByTestId("reports-own")).ToHaveTextAsync("Здесь только ваши показатели.");
        await Assertions.Expect(manager.GetByTestId("reports-manager")).ToBeHiddenAsync();
        await Assertions.Expect(manager.GetByTestId("reports-department")).ToBeHiddenAsync();
        await Assertions.Expect(Rows(manager, "first-response")).ToHaveCountAsync(3);
        Assert.Equal([["вт, 24.11", "1", "2 мин", "2 мин"], ["Весь период", "1", "2 мин", "2 мин"], ["Без ответа", "0", "", ""]], await CellsAsync(manager, "first-response"));
        Assert.Equal([["1", "0"], ["2", "1"], ["3", "0"], ["4", "0"], ["5", "0"], ["Всего оценок", "1"], ["Средняя оценка", "2"]], await CellsAsync(manager, "ratings"));
        await ConsoleScreenshots.SaveAsync(manager, "console-reports-manager");

        await using var smirnova = await AgentAsync("m.smirnova");
        var refused = await Assert.ThrowsAsync<HubException>(() => smirnova.InvokeAsync<ReportSet>("GetReports", new ReportRequest(new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29), Manager: "m.petrov")));
        Assert.Contains(ErrorCodes.Forbidden, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>Whether a canvas has any pixel that is not transparent.</summary>
    private const string DrawnScript = "canvas => canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data.some((value, index) => index % 4 === 3 && value > 0)";

    /// <summary>
    /// Monday 10:00 a client of m.petrov (Ромашка) writes, names the account at 10:01, is answered at 10:04, closed at 10:10
    /// with 5 minutes' preparation and rates 5; Tuesday 11:00 a visitor m.smirnova answers at 11:02 and closes rates 2;
    /// Tuesday 20:00 the offline form, never answered; Friday 18:55 a visitor answered by m.petrov on Monday 09:05.
    /// </summary>
    private async Task PlayTheWeekAsync()
    {
        var (ann, annHub) = await VisitorAsync("Анна", "Здравствуйте, нужен счёт");
        Advance(1);
        await annHub.IdentifyAsync("10001", phone: "+7 916 123-45-67");
        Advance(3);
        await AnswerAsync("m.petrov", ann.ConversationId, () => Advance(6), preparation: 5);
        Advance(1);
        await annHub.InvokeAsync<RatingResult>("Rate", new RatingRequest(5, null));
        await annHub.DisposeAsync();

        clock.SetUtcNow(Moscow(2026, 11, 24, 11, 0));
        var (vera, veraHub) = await VisitorAsync("Вера", "Как поменять тариф?");
        Advance(2);
        await AnswerAsync("m.smirnova", vera.ConversationId, () => Advance(3), preparation: 0);
        Advance(1);
        await veraHub.InvokeAsync<RatingResult>("Rate", new RatingRequest(2, "Долго"));
        await veraHub.DisposeAsync();

        clock.SetUtcNow(Moscow(2026, 11, 24, 20, 0));
        var offline = await TestClients.StartVisitorSessionAsync(Server, "Дмитрий");
        await using (var form = TestClients.VisitorConnection(Server, offline.Token))
        {
            await form.StartAsync();
            await form.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", new OfflineMessage(Guid.NewGuid(), "Нужен счёт на оплату, перезвоните", "dmitry@example.com", null));
        }

        clock.SetUtcNow(Moscow(2026, 11, 27, 18, 55));
        var (boris, borisHub) = await VisitorAsync("Борис", "Успеете ответить сегодня?");
        await borisHub.DisposeAsync();
        clock.SetUtcNow(Moscow(2026, 11, 30, 9, 5));
        await AnswerAsync("m.petrov", boris.ConversationId, () => { }, preparation: null);
        Advance(25);
    }

    /// <summary>A Moscow time as the system clock gives it: in UTC.</summary>
    private static DateTimeOffset Moscow(int year, int month, int day, int hour, int minute) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(3)).ToUniversalTime();

    private void Advance(int minutes) => clock.Advance(TimeSpan.FromMinutes(minutes));

    private async Task<(VisitorSession Session, HubConnection Hub)> VisitorAsync(string name, string text)
    {
        var session = await TestClients.StartVisitorSessionAsync(Server, name);
        var hub = TestClients.VisitorConnection(Server, session.Token);
        await hub.StartAsync();
        await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), text));
        await QueuedAsync(session.ConversationId);
        return (session, hub);
    }

    /// <summary>The agent answers the conversation now and, unless <paramref name="preparation"/> is null, closes it after <paramref name="meanwhile"/>.</summary>
    private async Task AnswerAsync(string login, Guid conversationId, Action meanwhile, int? preparation)
    {
        await using var agent = await AgentAsync(login);
        await agent.InvokeAsync<ResumeResult>("OpenConversation", conversationId, 0L);
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(conversationId, Guid.NewGuid(), "Добрый день! Сейчас помогу."));
        if (preparation is not null)
        {
            meanwhile();
            await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(conversationId, preparation));
        }
    }

    /// <summary>
    /// Waits for the conversation's request in the duty pool's queue (nobody of the pool is on line): it is stored off the
    /// sender's path, and the clock must not move on before, or it would arrive at the next step's time.
    /// </summary>
    private Task QueuedAsync(Guid conversationId) =>
        LocalProcess.WaitUntilAsync(
            async () =>
            {
                await using var scope = server.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Set<OfflineItem>().AnyAsync(i => i.ConversationId == conversationId);
            },
            "the visitor's message in the duty pool's queue",
            TimeSpan.FromSeconds(10));

    private async Task<HubConnection> AgentAsync(string login)
    {
        var agent = TestClients.AgentConnection(Server, await TestClients.SignInAgentAsync(Server, login));
        await agent.StartAsync();
        return agent;
    }

    /// <summary>A console signed in as <paramref name="login"/> with the reports of the played week shown.</summary>
    private async Task<IPage> ReportsPageAsync(IBrowserContext context, string login)
    {
        await context.ClearCookiesAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Server, "/console/").ToString());
        await page.GetByTestId("login").FillAsync(login);
        await page.GetByTestId("password").FillAsync("demo");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        Assert.Equal(0, await page.Locator("script[src='/dist/agent-reports.js']").CountAsync());
        await page.GetByTestId("reports-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reports-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("script[src='/dist/agent-reports.js']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("reports-status")).ToHaveTextAsync("");
        await page.GetByTestId("reports-from").FillAsync("2026-11-23");
        await page.GetByTestId("reports-to").FillAsync("2026-11-29");
        await page.GetByTestId("reports-show").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reports-status")).ToHaveTextAsync("");
        await Assertions.Expect(page.GetByTestId("reports-error")).ToHaveTextAsync("");
        return page;
    }

    private static ILocator Rows(IPage page, string table) => page.GetByTestId($"table-{table}").GetByTestId("report-row");

    private static Task<string[][]> CellsAsync(IPage page, string table) =>
        page.GetByTestId($"table-{table}").EvaluateAsync<string[][]>("table => Array.from(table.tBodies[0].rows, row => Array.from(row.cells, cell => cell.innerText.replace(/\\s+/g, ' ').trim()))");

    /// <summary>
    /// The view's text without what may be Latin: the file format's name and the department keys (configuration
    /// identifiers, as the transfer field takes them: the colleagues' departments and the duty pool the requests wait in).
    /// </summary>
    private static async Task<string> VisibleTextAsync(IPage page)
    {
        var text = await page.GetByTestId("reports-panel").InnerTextAsync();
        var keys = await page.GetByTestId("reports-department").EvaluateAsync<string[]>("select => Array.from(select.options, option => option.value).filter(value => value)");
        return keys.Append("call-centre").Append("CSV").Aggregate(text, (rest, key) => rest.Replace(key, "", StringComparison.Ordinal));
    }
}
