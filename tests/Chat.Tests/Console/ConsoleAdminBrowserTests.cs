using System.Net;
using Chat.Contracts;
using Chat.Tests.Api;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Chat.Tests.Console;

/// <summary>The console's server with the webhook settings of the delivery tests: loopback receivers allowed, short back-off, a pause after three failed turns.</summary>
public sealed class ConsoleAdminFixture() : ServerFixture(Backend.Embedded, Settings)
{
    private static readonly Dictionary<string, string?> Settings = new(ConsoleSettings.Overrides.Concat(WebhookSettings.Overrides).DistinctBy(setting => setting.Key));
}

/// <summary>
/// The administration view in Chromium: an administrator makes an API key (its secret shown once, working until revoked
/// from the page) and a webhook whose deliveries they see and redeliver; a subscription paused by failures is told on
/// the page; a supervisor has no such view.
/// </summary>
[Trait("Area", "Console")]
public sealed class ConsoleAdminBrowserTests(ConsoleAdminFixture server, BrowserFixture browser)
    : IClassFixture<ConsoleAdminFixture>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly Clients clients = new(server.Server.BaseAddress);

    private Uri Server => server.Server.BaseAddress;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await clients.DisposeAsync();

    [Fact]
    public async Task An_administrator_makes_an_api_key_shown_once_and_revokes_it_and_redelivers_a_webhook_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var context = await NewContextAsync();
        var page = await AdministratorPageAsync(context);

        await page.GetByTestId("api-key-name").FillAsync("Выгрузка в CRM");
        await page.GetByTestId("api-key-login").FillAsync("m.petrov");
        await page.GetByTestId("create-api-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("api-key-error")).ToHaveTextAsync("Укажите название (не длиннее 100 символов) и отметьте хотя бы одно право.");
        await page.Locator($"[data-testid=api-key-scope][value='{ApiScopes.StaffRead}']").CheckAsync();
        await page.GetByTestId("create-api-key").ClickAsync();
        var keySecret = page.GetByTestId("api-key-secret");
        await Assertions.Expect(keySecret).ToContainTextAsync("Секрет показан один раз");
        var secret = await keySecret.GetByTestId("secret-value").TextContentAsync();
        Assert.StartsWith("chat_", secret, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("api-key-row").Filter(new() { HasText = "Выгрузка в CRM" })).ToContainTextAsync(ApiScopes.StaffRead);
        Assert.DoesNotContain(secret!, await page.GetByTestId("api-keys").InnerTextAsync(), StringComparison.Ordinal);
        using (var api = new ApiClient(Server, secret))
        {
            Assert.Contains((await api.ListStaffAsync()).Ok(), member => member.Login == "m.petrov");
        }

        await page.GetByTestId("webhook-url").FillAsync("http://127.0.0.1:1/");
        await page.GetByTestId("create-webhook").ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-error")).ToHaveTextAsync("Укажите адрес и отметьте хотя бы одно событие; описание — не длиннее 200 символов.");
        await page.GetByTestId("webhook-url").FillAsync(receiver.Url.ToString());
        await page.GetByTestId("webhook-description").FillAsync("Журнал сообщений");
        await page.Locator($"[data-testid=webhook-event][value='{WebhookEvents.MessageStored}']").CheckAsync();
        await page.GetByTestId("create-webhook").ClickAsync();
        await Assertions.Expect(page.GetByTestId("webhook-secret").GetByTestId("secret-value")).ToContainTextAsync("whsec_");
        var row = page.GetByTestId("webhook-row").Filter(new() { HasText = receiver.Url.ToString() });
        await Assertions.Expect(row.GetByTestId("webhook-status")).ToHaveTextAsync("работает");

        var (session, visitor, _, _) = await clients.VisitorAsync("Мария");
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте, нужен счёт"));
        var delivered = (await receiver.WaitForAsync(events => events.Any(e => e.ConversationId == session.ConversationId))).First(e => e.ConversationId == session.ConversationId);

        await row.GetByTestId("show-deliveries").ClickAsync();
        var delivery = page.GetByTestId("delivery-row").Filter(new() { HasText = session.ConversationId.ToString() });
        await LocalProcess.WaitUntilAsync(
            async () =>
            {
                // The receiver may hear the event a moment before its delivery record is stored: "Обновить" reads the list again.
                await page.GetByTestId("refresh-deliveries").ClickAsync();
                return await delivery.CountAsync() == 1 && await delivery.Locator("td").Nth(2).InnerTextAsync() == "доставлено";
            },
            "the delivery in the deliveries view",
            TimeSpan.FromSeconds(10));
        await Assertions.Expect(delivery.Locator("td").Nth(3)).ToHaveTextAsync("1");
        await delivery.GetByTestId("redeliver").ClickAsync();
        await Assertions.Expect(delivery.Locator("td").Nth(3)).ToHaveTextAsync("2");
        await receiver.WaitForAsync(events => events.Count(e => e.Id == delivered.Id) == 2);
        await ConsoleScreenshots.SaveAsync(page, "console-admin");

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByTestId("api-key-row").Filter(new() { HasText = "Выгрузка в CRM" }).GetByTestId("revoke-api-key").ClickAsync();
        await Assertions.Expect(page.GetByTestId("api-key-row").Filter(new() { HasText = "Выгрузка в CRM" })).ToContainTextAsync("отозван");
        using (var api = new ApiClient(Server, secret))
        {
            (await api.ListStaffAsync()).Refused(HttpStatusCode.Unauthorized, ErrorCodes.InvalidApiKey);
        }

        await row.GetByTestId("delete-webhook").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("deliveries")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_subscription_paused_after_repeated_failures_is_told_to_the_administrator_whose_notice_opens_the_webhooks()
    {
        await using var refusing = await WebhookReceiver.StartAsync(_ => ReceiverAnswer.Fail);
        await using var context = await NewContextAsync();
        var page = await AdministratorPageAsync(context);
        await page.GetByTestId("admin-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-panel")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        var webhook = await Webhooks.CreateAsync(Server, refusing.Url, WebhookEvents.MessageStored);

        var (_, visitor, _, _) = await clients.VisitorAsync("Пётр");
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Добрый день"));

        var notice = page.GetByTestId("webhook-paused-notice");
        await Assertions.Expect(notice).ToContainTextAsync($"Доставка вебхуков приостановлена: {refusing.Url}", new() { Timeout = 30_000 });
        await Assertions.Expect(notice).ToContainTextAsync("500");
        await notice.ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-panel")).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToHaveCountAsync(0);
        var row = page.GetByTestId("webhook-row").Filter(new() { HasText = refusing.Url.ToString() });
        await Assertions.Expect(row.GetByTestId("webhook-status")).ToHaveTextAsync("приостановлена");
        await row.GetByTestId("resume-webhook").ClickAsync();
        await Assertions.Expect(row.GetByTestId("webhook-status")).ToHaveTextAsync("работает");
        await Webhooks.DeleteAsync(Server, webhook.Webhook.Id);
    }

    [Fact]
    public async Task A_supervisor_has_no_administration_view()
    {
        await using var context = await NewContextAsync();
        var page = await SignedInPageAsync(context, "s.orlov", "demo");

        await Assertions.Expect(page.GetByTestId("colleagues")).ToContainTextAsync("Олег Орлов");
        await Assertions.Expect(page.GetByTestId("admin-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("admin-panel")).ToBeHiddenAsync();
    }

    private Task<IBrowserContext> NewContextAsync() =>
        browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });

    /// <summary>An administrator imported for the test, signed in, with the administration view open.</summary>
    private async Task<IPage> AdministratorPageAsync(IBrowserContext context)
    {
        var (login, password) = await Webhooks.ImportAdministratorAsync(Server);
        var page = await SignedInPageAsync(context, login, password);
        await page.GetByTestId("admin-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("admin-panel")).ToBeVisibleAsync();
        return page;
    }

    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string login, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Server, "/console/").ToString());
        await page.GetByTestId("login").FillAsync(login);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        return page;
    }
}
