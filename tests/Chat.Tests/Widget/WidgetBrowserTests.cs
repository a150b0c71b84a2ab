using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Chat.Tests.Widget;

/// <summary>The widget on the demo page in Debian's Chromium, against a real server whose clock is fixed.</summary>
[Trait("Area", "Widget")]
public sealed partial class WidgetBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly List<HubConnection> hubs = [];
    private ChatServer? server;
    private IBrowserContext? context;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        if (context is not null)
        {
            await context.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_visitor_chats_live_with_an_agent()
    {
        var (page, agent) = await StartLiveAsync();

        await SendAsync(page, "Здравствуйте! Вопрос о договоре.");
        var conversation = await agent.ConversationWithAsync("Здравствуйте! Вопрос о договоре.");
        await agent.ReplyAsync(conversation, "Добрый день! Чем помочь?");

        await Expect(Message(page, 2)).ToContainTextAsync("Добрый день! Чем помочь?");
        await Expect(Message(page, 2)).ToHaveAttributeAsync("data-sender", "Agent");
        await Expect(Message(page, 1)).ToHaveAttributeAsync("data-state", "sent");
    }

    [Fact]
    public async Task A_client_identifies_sees_field_errors_then_the_confirmation_and_the_handoff_state()
    {
        var (page, _) = await StartLiveAsync();

        await page.GetByTestId("chat-client-button").ClickAsync();
        await page.GetByTestId("chat-identify-phone").FillAsync("12-ab");
        await page.GetByTestId("chat-identify-submit").ClickAsync();
        await Expect(page.GetByTestId("chat-identify-accountNameOrId-error")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("chat-identify-phone-error")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("chat-identify-accountNameOrId")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.GetByTestId("chat-identify-accountNameOrId").FillAsync("<b>Ромашка</b>");
        await page.GetByTestId("chat-identify-phone").FillAsync("+7 916 123-45-67");
        await page.GetByTestId("chat-identify-submit").ClickAsync();
        await Expect(page.GetByTestId("chat-identify-accountNameOrId-error")).Not.ToBeEmptyAsync();

        await page.GetByTestId("chat-identify-accountNameOrId").FillAsync("Ромашка");
        await page.GetByTestId("chat-identify-submit").ClickAsync();

        await Expect(page.GetByTestId("chat-handoff-confirmation")).ToContainTextAsync("менеджер");
        await Expect(page.GetByTestId("chat-handoff-state")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("chat-callback-button")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-message").Filter(new() { HasText = "менеджер" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Outside_hours_the_visitor_sees_the_offline_form_and_leaves_a_message()
    {
        var page = await OpenWidgetAsync(DemoClock.Sunday);

        await Expect(page.GetByTestId("chat-offline")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-offline-info")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("chat-form")).ToBeHiddenAsync();

        await page.GetByTestId("chat-offline-text").FillAsync("Перезвоните, пожалуйста, по тарифам.");
        await page.GetByTestId("chat-offline-submit").ClickAsync();
        await Expect(page.GetByTestId("chat-offline-alert")).Not.ToBeEmptyAsync();

        await page.GetByTestId("chat-offline-email").FillAsync("olga@example.com");
        await page.GetByTestId("chat-offline-submit").ClickAsync();

        await Expect(page.GetByTestId("chat-offline-notice")).ToContainTextAsync("ответим до понедельника, 30 ноября, 19:00");
        await Expect(Message(page, 1)).ToContainTextAsync("Перезвоните, пожалуйста, по тарифам.");
        await Expect(Message(page, 2)).ToHaveAttributeAsync("data-sender", "System");
    }

    [Fact]
    public async Task A_cut_and_restored_connection_loses_nothing_and_doubles_nothing()
    {
        TcpRelay? network = null;
        var (page, agent) = await StartLiveAsync(target => network = new TcpRelay(() => target));
        await using var relay = network!;
        await SendAsync(page, "Первое");
        var conversation = await agent.ConversationWithAsync("Первое");
        await agent.ReplyAsync(conversation, "Ответ один");
        await Expect(Message(page, 2)).ToBeVisibleAsync();

        relay.Cut();
        await SendAsync(page, "Написано без связи");
        await agent.ReplyAsync(conversation, "Ответ без связи");
        await Expect(page.GetByTestId("chat-message").Filter(new() { HasText = "Написано без связи" })).ToHaveAttributeAsync("data-state", "sending");
        await Expect(page.GetByTestId("chat-message").Filter(new() { HasText = "Ответ без связи" })).ToHaveCountAsync(0);
        relay.Restore();

        await SendAsync(page, "После связи");
        await Expect(page.GetByTestId("chat-message").Filter(new() { HasText = "Ответ без связи" })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("chat-message").Filter(new() { HasText = "После связи" })).ToHaveAttributeAsync("data-state", "sent");
        await Expect(page.GetByTestId("chat-message").Filter(new() { HasText = "Написано без связи" })).ToHaveAttributeAsync("data-state", "sent");
        await Expect(page.GetByTestId("chat-message")).ToHaveCountAsync(5);
        await AssertSequencesAsync(page, 5);
    }

    [Fact]
    public async Task A_reload_keeps_the_conversation()
    {
        var (page, agent) = await StartLiveAsync();
        await SendAsync(page, "До перезагрузки");
        await agent.ReplyAsync(await agent.ConversationWithAsync("До перезагрузки"), "Ответ до перезагрузки");
        await Expect(Message(page, 2)).ToBeVisibleAsync();

        await page.ReloadAsync();

        await Expect(page.GetByTestId("chat-panel")).ToBeVisibleAsync();
        await Expect(Message(page, 1)).ToContainTextAsync("До перезагрузки");
        await Expect(Message(page, 2)).ToContainTextAsync("Ответ до перезагрузки");
        await Expect(page.GetByTestId("chat-message")).ToHaveCountAsync(2);
        await AssertSequencesAsync(page, 2);
    }

    [Fact]
    public async Task Markup_from_an_agent_is_shown_as_text_and_runs_nothing()
    {
        var (page, agent) = await StartLiveAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            _ = dialog.DismissAsync();
        };
        await SendAsync(page, "Покажите разметку");
        await agent.ReplyAsync(await agent.ConversationWithAsync("Покажите разметку"), "<img src=x onerror=alert(1)>");

        await Expect(Message(page, 2).Locator(".message__text")).ToHaveTextAsync("<img src=x onerror=alert(1)>");
        Assert.Equal(0, await page.Locator("img").CountAsync());
        await SendAsync(page, "Спасибо");
        await Expect(Message(page, 3)).ToHaveAttributeAsync("data-state", "sent");
        Assert.Equal(0, Volatile.Read(ref dialogs));
    }

    [Fact]
    public async Task Aggressive_host_page_css_does_not_change_the_widgets_look()
    {
        var (page, _) = await StartLiveAsync();
        var panel = page.GetByTestId("chat-panel");
        var options = new LocatorScreenshotOptions { Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide };
        var before = await panel.ScreenshotAsync(options);

        await page.AddStyleTagAsync(new()
        {
            Content = """
                * { font: italic 22px/3 serif !important; color: red !important; letter-spacing: 4px !important;
                    text-transform: uppercase !important; box-sizing: content-box !important;
                    margin: 7px !important; padding: 9px !important; border: 3px dashed lime !important; }
                div, section, form, p, button, textarea, ul, li, header, h2 { background: yellow !important; display: block !important;
                    width: 50px !important; visibility: visible !important; filter: blur(1px) !important; }
                body > div:last-of-type { position: static !important; transform: rotate(3deg) !important; }
                """,
        });

        var after = await panel.ScreenshotAsync(options);
        var (pixels, different) = await CompareImagesAsync(before, after);
        Assert.True(different * 1000 <= pixels, $"{different} of {pixels} pixels of the widget panel changed under the host page's CSS.");
    }

    [Fact]
    public async Task A_client_whose_tariff_allows_it_orders_a_call_back_after_a_window_outside_the_managers_hours_is_refused()
    {
        var (page, manager) = await StartLiveAsync();
        await IdentifyAsync(page, "Ромашка", "+7 916 123-45-67");
        await Expect(page.GetByTestId("chat-handoff-confirmation")).Not.ToBeEmptyAsync();

        await page.GetByTestId("chat-callback-button").ClickAsync();
        await Expect(page.GetByTestId("chat-callback-phone")).ToHaveValueAsync("+7 916 123-45-67");
        // A well-formed window that the widget lets through and the server refuses: past the manager's 18:00.
        await page.GetByTestId("chat-callback-date").FillAsync("2026-11-25");
        await page.GetByTestId("chat-callback-from").FillAsync("19:00");
        await page.GetByTestId("chat-callback-to").FillAsync("20:00");
        await page.GetByTestId("chat-callback-submit").ClickAsync();
        await Expect(page.GetByTestId("chat-callback-from-error")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("chat-callback-from")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByTestId("chat-callback-result")).ToBeEmptyAsync();

        await page.GetByTestId("chat-callback-from").FillAsync("14:00");
        await page.GetByTestId("chat-callback-to").FillAsync("15:00");
        await page.GetByTestId("chat-callback-submit").ClickAsync();

        await Expect(page.GetByTestId("chat-callback-result")).ToContainTextAsync("14:00");
        await Expect(page.GetByTestId("chat-callback-form")).ToBeHiddenAsync();
        var card = await manager.Handoffs.WaitForAsync(c => c.Kind == HandoffKind.CallBack);
        Assert.Equal(("+79161234567", "m.petrov"), (card.Phone, card.AssignedTo));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), card.CallBackFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), card.CallBackTo);

        var confirmation = await page.GetByTestId("chat-callback-result").TextContentAsync();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("chat-callback-result")).ToHaveTextAsync(confirmation!);
        await Expect(page.GetByTestId("chat-callback-result")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-handoff-confirmation")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("chat-callback-button")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task On_a_360_pixel_phone_the_open_panel_fits_the_screen_and_a_message_can_be_sent()
    {
        await StartServerAsync(DemoClock.Weekday);
        await Agent.ConnectAsync(server!.BaseAddress, hubs); // someone on shift, so the chat is live
        var page = await OpenWidgetAsync(null, viewport: Phone);
        var panel = page.GetByTestId("chat-panel");
        await Expect(page.GetByTestId("chat-connection-state")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByTestId("chat-form")).ToBeVisibleAsync();

        var box = (await panel.BoundingBoxAsync())!;
        Assert.InRange(box.X, 0, 360);
        Assert.InRange(box.X + box.Width, 0, 360);
        Assert.InRange(box.Y, 0, 740);
        Assert.InRange(box.Y + box.Height, 0, 740);
        await Expect(page.GetByTestId("chat-input")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByTestId("chat-send")).ToBeInViewportAsync(new() { Ratio = 1 });

        await page.GetByTestId("chat-input").TapAsync();
        await page.GetByTestId("chat-input").FillAsync("Пишу с телефона");
        await page.GetByTestId("chat-send").TapAsync();

        await Expect(Message(page, 1)).ToContainTextAsync("Пишу с телефона");
        await Expect(Message(page, 1)).ToHaveAttributeAsync("data-state", "sent");
        await Expect(Message(page, 1)).ToBeInViewportAsync();
        var (scrollWidth, viewportWidth) = await HorizontalExtentAsync(page);
        Assert.True(scrollWidth <= viewportWidth, $"The page scrolls sideways: {scrollWidth} px wide in a {viewportWidth} px viewport.");
    }

    [Fact]
    public async Task Typing_shows_both_ways_and_the_visitor_sees_their_message_read_also_after_a_reload()
    {
        var (page, agent) = await StartLiveAsync();
        await SendAsync(page, "Есть вопрос по счёту");
        var conversation = await agent.ConversationWithAsync("Есть вопрос по счёту");
        await Expect(Message(page, 1)).ToHaveAttributeAsync("data-state", "sent");

        await page.GetByTestId("chat-input").PressSequentiallyAsync("Ещё");
        await agent.Typing.WaitForAsync(t => t.ConversationId == conversation && t.Sender == SenderKind.Visitor && t.IsTyping);
        await page.GetByTestId("chat-input").FillAsync("");
        await agent.Typing.WaitForAsync(t => t.ConversationId == conversation && t.Sender == SenderKind.Visitor && !t.IsTyping);

        await agent.TypingAsync(conversation, true);
        await Expect(page.GetByTestId("chat-typing")).ToHaveTextAsync("Пётр Петров печатает…");
        await Expect(page.GetByTestId("chat-typing")).ToHaveAttributeAsync("role", "status");
        await agent.ReplyAsync(conversation, "Слушаю вас");
        await Expect(Message(page, 2)).ToContainTextAsync("Слушаю вас");
        // Within Expect's 5 s, before the 6 s expiry: the message itself hid the indicator.
        await Expect(page.GetByTestId("chat-typing")).ToBeHiddenAsync();
        await agent.Reads.WaitForAsync(m => m.ConversationId == conversation && m.Reader == SenderKind.Visitor && m.Sequence == 2);

        Assert.Equal(1, await agent.MarkReadAsync(conversation, 1));
        await Expect(Message(page, 1)).ToHaveAttributeAsync("data-state", "read");
        await Expect(Message(page, 1).Locator(".message__meta")).ToContainTextAsync("Прочитано");
        await Expect(Message(page, 2)).ToHaveAttributeAsync("data-state", "sent");

        await page.ReloadAsync();

        await Expect(Message(page, 2)).ToContainTextAsync("Слушаю вас");
        await Expect(Message(page, 1)).ToHaveAttributeAsync("data-state", "read");
        await Expect(Message(page, 1).Locator(".message__meta")).ToContainTextAsync("Прочитано");
    }

    [Fact]
    public async Task An_identified_client_sees_the_confirmation_again_after_a_reload_without_identifying_again()
    {
        var (page, _) = await StartLiveAsync();
        await IdentifyAsync(page, "Ромашка", "+7 916 123-45-67");
        var confirmation = await page.GetByTestId("chat-handoff-confirmation").TextContentAsync();
        Assert.Contains("менеджер", confirmation, StringComparison.Ordinal);

        await page.ReloadAsync();

        await Expect(page.GetByTestId("chat-handoff-confirmation")).ToHaveTextAsync(confirmation!);
        await Expect(page.GetByTestId("chat-handoff-state")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("chat-callback-button")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-client-button")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("chat-identify")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("chat-message").Filter(new() { HasText = "менеджер" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_agent_sees_the_page_the_visitor_is_on_without_its_query_string()
    {
        await StartServerAsync(DemoClock.Weekday);
        var agent = await Agent.ConnectAsync(server!.BaseAddress, hubs);
        var page = await OpenWidgetAsync(null, path: "/?utm_source=mail&token=s3cret#tariffs");
        await SendAsync(page, "Я на главной");
        var conversation = await agent.ConversationWithAsync("Я на главной");

        // The widget reports the page before it resumes and sends, and the hub handles one connection's calls in order.
        var details = await agent.VisitorDetailsAsync(conversation);

        var visit = Assert.Single(details.Pages);
        Assert.Equal(new Uri(server.BaseAddress, "/").ToString(), visit.Url);
        Assert.Equal(await page.TitleAsync(), visit.Title);
    }

    /// <summary>Decodes both PNGs in a blank page and counts the pixels that differ (any channel by more than 8); sizes must match.</summary>
    private async Task<(int Pixels, int Different)> CompareImagesAsync(byte[] before, byte[] after)
    {
        var blank = await context!.NewPageAsync();
        var result = await blank.EvaluateAsync<int[]>(
            """
            async ([a, b]) => {
              const load = async (data) => {
                const bitmap = await createImageBitmap(await (await fetch("data:image/png;base64," + data)).blob());
                const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
                const context = canvas.getContext("2d");
                context.drawImage(bitmap, 0, 0);
                return context.getImageData(0, 0, bitmap.width, bitmap.height);
              };
              const [x, y] = [await load(a), await load(b)];
              if (x.width !== y.width || x.height !== y.height) return [x.width * x.height, x.width * x.height];
              let different = 0;
              for (let i = 0; i < x.data.length; i += 4) {
                if ([0, 1, 2, 3].some((c) => Math.abs(x.data[i + c] - y.data[i + c]) > 8)) different++;
              }
              return [x.width * x.height, different];
            }
            """,
            new[] { Convert.ToBase64String(before), Convert.ToBase64String(after) });
        await blank.CloseAsync();
        return (result[0], result[1]);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static ILocator Message(IPage page, int sequence) =>
        page.Locator($"[data-testid=chat-message][data-sequence='{sequence}']");

    private static async Task IdentifyAsync(IPage page, string account, string phone)
    {
        await page.GetByTestId("chat-client-button").ClickAsync();
        await page.GetByTestId("chat-identify-accountNameOrId").FillAsync(account);
        await page.GetByTestId("chat-identify-phone").FillAsync(phone);
        await page.GetByTestId("chat-identify-submit").ClickAsync();
        await Expect(page.GetByTestId("chat-handoff-confirmation")).Not.ToBeEmptyAsync();
    }

    /// <summary>How wide the host page's content is against its viewport: wider means it scrolls sideways.</summary>
    private static async Task<(int ScrollWidth, int ViewportWidth)> HorizontalExtentAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (widths[0], widths[1]);
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByTestId("chat-input").FillAsync(text);
        await page.GetByTestId("chat-input").PressAsync("Enter");
    }

    private static async Task AssertSequencesAsync(IPage page, int count)
    {
        var sequences = await page.GetByTestId("chat-message").EvaluateAllAsync<int[]>("items => items.map(i => Number(i.dataset.sequence))");
        Assert.Equal(Enumerable.Range(1, count), sequences.Order());
    }

    /// <summary>Opens the demo site, directly or through <paramref name="relay"/> (a loopback TCP relay that a test can cut).</summary>
    private async Task<(IPage Page, Agent Agent)> StartLiveAsync(Func<Uri, TcpRelay>? relay = null, ViewportSize? viewport = null)
    {
        await StartServerAsync(DemoClock.Weekday);
        var agent = await Agent.ConnectAsync(server!.BaseAddress, hubs);
        var page = await OpenWidgetAsync(null, relay?.Invoke(server.BaseAddress).Address, viewport: viewport);
        await Expect(page.GetByTestId("chat-connection-state")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByTestId("chat-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-topic").First).ToBeVisibleAsync();
        return (page, agent);
    }

    private async Task StartServerAsync(DateTimeOffset now)
    {
        server = await ChatServer.StartAsync(Backend.Embedded, services: DemoClock.At(now));
    }

    /// <summary>Opens the widget in a desktop window (1000×800) or, with <see cref="Phone"/>, on a 360×740 touch screen.</summary>
    private async Task<IPage> OpenWidgetAsync(DateTimeOffset? now, Uri? site = null, string path = "/", ViewportSize? viewport = null)
    {
        if (now is { } at)
        {
            await StartServerAsync(at);
        }

        var phone = viewport is { Width: < 480 };
        context = await browser.Browser.NewContextAsync(new()
        {
            ViewportSize = viewport ?? Desktop,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "ru-RU",
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site ?? server!.BaseAddress, path).ToString());
        await (phone ? page.GetByTestId("chat-launcher").TapAsync() : page.GetByTestId("chat-launcher").ClickAsync());
        await Expect(page.GetByTestId("chat-panel")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The demo manager on a hub connection, answering from the test.</summary>
    private sealed class Agent(HubConnection hub, EventLog<ConversationSummary> inbox)
    {
        public required EventLog<HandoffCard> Handoffs { get; init; }

        public required EventLog<TypingState> Typing { get; init; }

        public required EventLog<ReadMark> Reads { get; init; }

        public static async Task<Agent> ConnectAsync(Uri server, List<HubConnection> hubs, string login = "m.petrov")
        {
            var hub = TestClients.AgentConnection(server, await TestClients.SignInAgentAsync(server, login));
            hubs.Add(hub);
            var agent = new Agent(hub, hub.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated)))
            {
                Handoffs = hub.Record<HandoffCard>(nameof(IAgentClient.HandoffReceived)),
                Typing = hub.Record<TypingState>(nameof(IAgentClient.TypingChanged)),
                Reads = hub.Record<ReadMark>(nameof(IAgentClient.ReadUpTo)),
            };
            await hub.StartAsync();
            return agent;
        }

        public async Task<Guid> ConversationWithAsync(string text)
        {
            var summary = await inbox.WaitForAsync(s => s.LastText == text);
            await hub.InvokeAsync<ResumeResult>("OpenConversation", summary.Id, 0L);
            return summary.Id;
        }

        public Task<SendResult> ReplyAsync(Guid conversation, string text) =>
            hub.InvokeAsync<SendResult>("SendMessage", new AgentSend(conversation, Guid.NewGuid(), text));

        public Task TypingAsync(Guid conversation, bool isTyping) => hub.InvokeAsync("Typing", new TypingRequest(conversation, isTyping));

        public Task<long> MarkReadAsync(Guid conversation, long sequence) => hub.InvokeAsync<long>("MarkRead", new ReadRequest(conversation, sequence));

        public Task<VisitorDetails> VisitorDetailsAsync(Guid conversation) => hub.InvokeAsync<VisitorDetails>("GetVisitorDetails", conversation);

        public Task<ConversationSummary> TransferAsync(Guid conversation, string toLogin) =>
            hub.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(conversation, toLogin, null));

        public Task<ClosedConversation> CloseAsync(Guid conversation) => hub.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(conversation, null));
    }
}
