using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Chat.Tests.Console;

/// <summary>The console page in Chromium with a visitor on the hub: a handoff is worked, a chat is answered with a saved answer and a screenshot.</summary>
[Trait("Area", "Console")]
public sealed class ConsoleBrowserTests(ConsoleServerFixture server, BrowserFixture browser)
    : IClassFixture<ConsoleServerFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly Clients clients = new(server.Server.BaseAddress);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await clients.DisposeAsync();

    [Fact]
    public async Task A_live_handoff_is_accepted_and_marked_contacted_and_the_chat_is_answered_with_a_saved_answer_and_a_screenshot()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 860 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.Server.BaseAddress, "/console/").ToString());
        await page.GetByTestId("login").FillAsync("m.petrov");
        await page.GetByTestId("password").FillAsync("demo");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");

        var (session, visitor, _, visitorMessages) = await clients.VisitorAsync("Анна");
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Как выгрузить данные в 1С?"));
        await visitor.IdentifyAsync("10001", phone: "8 (999) 000-00-00");

        await page.GetByTestId("handoff-item").First.ClickAsync();
        var card = page.GetByTestId("handoff-card");
        await Assertions.Expect(card).ToContainTextAsync("ООО «Ромашка»");
        await Assertions.Expect(page.GetByTestId("contact-warning")).ToBeVisibleAsync();
        await page.GetByTestId("accept-handoff").ClickAsync();
        await Assertions.Expect(page.GetByTestId("handoff-status")).ToHaveTextAsync("Принята");
        await page.GetByTestId("contacted-phone").ClickAsync();
        await Assertions.Expect(page.GetByTestId("handoff-status")).ToHaveTextAsync("Связались с клиентом");
        await ConsoleScreenshots.SaveAsync(page, "console-handoff");

        await page.GetByTestId("note-input").FillAsync("Перезвонить после обеда");
        await page.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("note")).ToContainTextAsync("Перезвонить после обеда");

        await page.GetByTestId("reply-input").FillAsync("/exp");
        await page.GetByTestId("saved-answer").First.ClickAsync();
        await page.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "screen.png", MimeType = "image/png", Buffer = ConsoleFeatureTests.Png });
        await Assertions.Expect(page.GetByTestId("attached")).ToContainTextAsync("screen.png");
        await page.GetByTestId("send-button").ClickAsync();

        var answer = await visitorMessages.WaitForAsync(m => m.Sender == SenderKind.Agent);
        Assert.Contains("https://help.example.com/integrations/1c", answer.Text, StringComparison.Ordinal);
        Assert.Equal("image/png", Assert.Single(answer.Attachments!).ContentType);
        await Assertions.Expect(page.GetByTestId("attachment")).ToHaveCountAsync(1);
        await ConsoleScreenshots.SaveAsync(page, "console-conversation");
        Assert.DoesNotContain(visitorMessages.Items, m => m.Text.Contains("Перезвонить", StringComparison.Ordinal));
        Assert.Equal(session.ConversationId, answer.ConversationId);
    }
}
