using Chat.Tests.Console;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Chat.Tests.Email;

/// <summary>
/// The console in Chromium answering an e-mail conversation: the channel and the subject in its header, the answer written
/// in the composer marked sent, and the reply in the client's real mailbox.
/// </summary>
[Trait("Area", "Email")]
public sealed class EmailConsoleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_manager_answers_an_email_conversation_in_the_composer_and_the_client_gets_the_reply()
    {
        var (mail, box, server) = await EmailKit.StartAsync(Backend.Embedded);
        await using var _ = server;
        var client = await mail.MailboxOfAsync(EmailKit.RomashkaAddress);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/console/").ToString());
        await page.GetByTestId("login").FillAsync("m.petrov");
        await page.GetByTestId("password").FillAsync("demo");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        var asked = $"{Guid.NewGuid():N}@romashka.example";

        await mail.SendAsync(box, EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, "Счёт за декабрь", "Добрый день! Пришлите, пожалуйста, счёт за декабрь.", messageId: asked));
        await page.GetByTestId("inbox-item").Filter(new LocatorFilterOptions { HasText = "Анна Ромашкина" }).ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("conversation-email")).ToHaveTextAsync("Электронная почта · Тема: Счёт за декабрь");
        await Assertions.Expect(page.GetByTestId("visitor-email")).ToHaveTextAsync(EmailKit.RomashkaAddress);
        await Assertions.Expect(page.GetByTestId("visited-pages")).ToHaveCountAsync(0);
        await page.GetByTestId("reply-input").FillAsync("Здравствуйте, Анна! Счёт отправили, он во вложении письма бухгалтерии.");
        await page.GetByTestId("send-button").ClickAsync();

        await Assertions.Expect(page.GetByTestId("email-state")).ToHaveTextAsync("Отправлено", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        await ConsoleScreenshots.SaveAsync(page, "console-email");
        await LocalProcess.WaitUntilAsync(async () => (await mail.ReadAsync(client)).Any(m => m.InReplyTo == asked), "the reply in the client's mailbox", TimeSpan.FromSeconds(60));
        var reply = Assert.Single(await mail.ReadAsync(client), m => m.InReplyTo == asked);
        Assert.Equal("Re: Счёт за декабрь", reply.Subject);
        Assert.Equal("Здравствуйте, Анна! Счёт отправили, он во вложении письма бухгалтерии.", reply.TextBody?.Trim());
    }
}
