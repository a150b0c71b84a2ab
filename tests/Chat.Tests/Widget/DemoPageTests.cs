using Chat.Contracts;
using Chat.Tests.Console;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Chat.Tests.Widget;

/// <summary>
/// The newcomer's demo outside office hours: the demo page says why the widget offers only the offline form and names
/// the switch (<c>Chat:Demo:AlwaysOpen</c>) that opens live chat at any hour, which Production refuses.
/// </summary>
[Trait("Area", "Widget")]
public sealed class DemoPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Out_of_hours_the_demo_page_says_why_there_is_only_a_form_and_how_to_try_live_chat()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, services: DemoClock.At(DemoClock.Sunday));
        var page = await OpenAsync(server);

        var notice = page.GetByTestId("demo-notice");
        await Expect(notice).ToContainTextAsync("сейчас нерабочее время");
        await Expect(notice).ToContainTextAsync("с 09:00 до 19:00");
        await Expect(notice).ToContainTextAsync("dotnet run --project src/Chat.Server -- --Chat:Demo:AlwaysOpen=true");
        await page.GetByTestId("chat-launcher").ClickAsync();
        await Expect(page.GetByTestId("chat-offline")).ToBeVisibleAsync();
        await ConsoleScreenshots.SaveAsync(page, "demo-out-of-hours");
    }

    [Fact]
    public async Task With_the_switch_the_chat_is_live_on_a_Sunday_and_the_managers_are_on_shift()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded,
            new Dictionary<string, string?> { ["Chat:Demo:AlwaysOpen"] = "true" }, DemoClock.At(DemoClock.Sunday));
        await using var agent = TestClients.AgentConnection(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress));
        await agent.StartAsync();
        await agent.InvokeAsync<AgentPresence?>("SetStatus", AgentStatus.Online);

        var presence = await agent.InvokeAsync<PresenceSnapshot>("GetPresence");
        Assert.True(presence.Agents.Single(a => a.Login == "m.petrov").Available);

        var page = await OpenAsync(server);
        await Expect(page.GetByTestId("demo-notice")).ToContainTextAsync("чат открыт в любое время");
        await page.GetByTestId("chat-launcher").ClickAsync();
        await Expect(page.GetByTestId("chat-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-offline")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task In_office_hours_the_demo_page_shows_no_notice()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, services: DemoClock.At(DemoClock.Weekday));
        // The chat is live while someone is available: without a manager online the widget turns to the offline form
        // as soon as its hub answers, so the live chat is looked for with one online.
        await using var agent = TestClients.AgentConnection(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress));
        await agent.StartAsync();
        await agent.InvokeAsync<AgentPresence?>("SetStatus", AgentStatus.Online);
        await LocalProcess.WaitUntilAsync(async () => (await agent.InvokeAsync<PresenceSnapshot>("GetPresence")).Agents.Any(a => a.Login == "m.petrov" && a.Available),
            "m.petrov available");
        var page = await OpenAsync(server);
        await page.GetByTestId("chat-launcher").ClickAsync();

        await Expect(page.GetByTestId("chat-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-offline")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("demo-notice")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Production_refuses_the_switch_at_start_naming_it()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ChatServer.StartAsync(Backend.Embedded,
            new Dictionary<string, string?> { ["environment"] = "Production", ["Chat:Demo:AlwaysOpen"] = "true" }));

        Assert.Contains("Chat:Demo:AlwaysOpen", failure.ToString(), StringComparison.Ordinal);
    }

    private async Task<IPage> OpenAsync(ChatServer server)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 800 }, Locale = "ru-RU" });
        contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseAddress.ToString());
        return page;
    }
}
