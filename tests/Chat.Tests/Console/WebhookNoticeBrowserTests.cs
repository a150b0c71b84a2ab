using Chat.Contracts;
using Chat.Tests.Api;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Chat.Tests.Console;

/// <summary>An administrator's console in Chromium is told when a webhook subscription is paused after repeated failures.</summary>
[Trait("Area", "Console")]
public sealed class WebhookNoticeBrowserTests(EmbeddedWebhookFixture server, BrowserFixture browser)
    : IClassFixture<EmbeddedWebhookFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly Clients clients = new(server.Server.BaseAddress);
    private Guid? subscription;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (subscription is { } id)
        {
            await Webhooks.DeleteAsync(server.Server.BaseAddress, id);
        }

        await clients.DisposeAsync();
    }

    [Fact]
    public async Task A_paused_subscription_is_a_line_in_the_administrators_console_until_dismissed()
    {
        var (login, password) = await Webhooks.ImportAdministratorAsync(server.Server.BaseAddress);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 860 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.Server.BaseAddress, "/console/").ToString());
        await page.GetByTestId("login").FillAsync(login);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");

        var refused = new Uri($"http://127.0.0.1:{LocalProcess.FreePort()}/hook");
        subscription = (await Webhooks.CreateAsync(server.Server.BaseAddress, refused, WebhookEvents.MessageStored)).Webhook.Id;
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var (_, visitor, _, _) = await clients.VisitorAsync("Ольга");
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте"));

        var notice = page.GetByTestId("webhook-notices").Locator("li");
        await Assertions.Expect(notice).ToContainTextAsync("Доставка событий во внешнюю систему приостановлена", new() { Timeout = 15_000 });
        await Assertions.Expect(notice).ToContainTextAsync(refused.ToString());
        Assert.Equal("paused", (await Webhooks.GetAsync(server.Server.BaseAddress, subscription.Value)).Status);
        await notice.GetByTestId("webhook-notice-dismiss").ClickAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
    }
}
