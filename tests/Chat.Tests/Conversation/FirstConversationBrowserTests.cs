using Chat.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Chat.Tests.Conversation;

/// <summary>
/// The first live conversation through the real pages, in Debian's Chromium: a visitor writes in the
/// widget on the demo site, a manager answers in the console, each sees the other's message once.
/// </summary>
[Trait("Area", "Conversation")]
public sealed class FirstConversationBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task A_visitor_in_the_widget_and_a_manager_in_the_console_talk_live()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, services: DemoClock.At(DemoClock.Weekday));
        await using var agentContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 860 } });
        await using var visitorContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 800 }, Locale = "ru-RU" });

        var console = await agentContext.NewPageAsync();
        await console.GotoAsync(new Uri(server.BaseAddress, "/console/").ToString());
        await console.GetByTestId("login").FillAsync("m.petrov");
        await console.GetByTestId("password").FillAsync("demo");
        await console.GetByTestId("sign-in").ClickAsync();
        await Expect(console.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");

        var site = await visitorContext.NewPageAsync();
        await site.GotoAsync(new Uri(server.BaseAddress, "/").ToString());
        await site.GetByTestId("chat-launcher").ClickAsync();
        await site.GetByTestId("chat-input").FillAsync("Здравствуйте! Сколько стоит тариф «Бизнес»?");
        await site.GetByTestId("chat-input").PressAsync("Enter");
        await Expect(site.Locator("[data-testid=chat-message][data-sequence='1']")).ToHaveAttributeAsync("data-state", "sent");

        var item = console.GetByTestId("inbox-item").Filter(new() { HasText = "Здравствуйте" });
        await item.ClickAsync();
        await Expect(console.Locator("[data-testid=message][data-sequence='1']")).ToContainTextAsync("Сколько стоит тариф");
        await console.GetByTestId("reply-input").FillAsync("Добрый день! Тариф «Бизнес» — на странице цен.");
        await console.GetByTestId("send-button").ClickAsync();

        var reply = site.Locator("[data-testid=chat-message][data-sequence='2']");
        await Expect(reply).ToContainTextAsync("Тариф «Бизнес»");
        await Expect(reply).ToHaveAttributeAsync("data-sender", "Agent");
        await Expect(site.GetByTestId("chat-message")).ToHaveCountAsync(2);
        await Expect(console.GetByTestId("message")).ToHaveCountAsync(2);
    }
}
