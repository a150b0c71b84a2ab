using System.Text.RegularExpressions;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace Chat.Tests.Console;

/// <summary>
/// A visitor on the demo page (the real widget, one browser context) and staff on the console page (another context),
/// against a real server whose clock is fixed in office hours.
/// </summary>
[Trait("Area", "Console")]
public sealed class ConsoleWithWidgetBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Referral = "Рекомендуем подключить отдел обучения и внедрения: компания превысила пороги консультаций за неделю.";

    /// <summary>A stored message carries its sequence; a pending one has none.</summary>
    private static readonly Regex Stored = new("^[1-9][0-9]*$");

    private readonly List<IBrowserContext> contexts = [];
    private ChatServer server = null!;
    private Clients clients = null!;

    public async Task InitializeAsync()
    {
        server = await ChatServer.StartAsync(Backend.Embedded, ConsoleSettings.Overrides, DemoClock.At(DemoClock.Weekday));
        clients = new Clients(server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        await clients.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_chat_from_the_queue_is_answered_with_a_saved_answer_and_a_screenshot_that_the_visitor_sees_safely()
    {
        var (console, widget) = await ChatFromQueueAsync("Как выгрузить данные в 1С?");
        await console.GetByTestId("reply-input").FillAsync("/exp");
        await console.GetByTestId("saved-answer").First.ClickAsync();
        await console.GetByTestId("attach-input").SetInputFilesAsync(new FilePayload { Name = "screen.png", MimeType = "image/png", Buffer = ConsoleFeatureTests.Png });
        await Expect(console.GetByTestId("attached")).ToContainTextAsync("screen.png");
        await console.GetByTestId("send-button").ClickAsync();

        var answer = WidgetMessage(widget, 2);
        await Expect(answer).ToHaveAttributeAsync("data-sender", "Agent");
        var link = answer.Locator(".message__text a");
        await Expect(link).ToHaveCountAsync(2);
        await Expect(link.First).ToHaveAttributeAsync("href", "https://help.example.com/integrations/1c");
        await Expect(link.First).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow");
        await Expect(link.First).ToHaveAttributeAsync("target", "_blank");
        var image = answer.GetByTestId("attachment").Locator("img");
        await Expect(image).ToBeVisibleAsync();
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 1);
        await Expect(ConsoleMessage(console, 2).GetByTestId("attachment")).ToHaveCountAsync(1);
        await Expect(console.GetByTestId("mine-list").GetByTestId("inbox-item")).ToHaveCountAsync(1);
        await Expect(console.GetByTestId("inbox").GetByTestId("inbox-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_handoff_from_the_widget_arrives_live_is_accepted_and_marked_contacted_and_the_visitor_sees_each_step()
    {
        var console = await SignInAsync("m.petrov");
        var widget = await OpenWidgetAsync();
        await WriteAsync(widget, "Нужен счёт на оплату");
        await IdentifyAsync(widget, "Ромашка", "+7 916 123-45-67");
        var state = widget.GetByTestId("chat-handoff-state");

        await Expect(console.GetByTestId("handoff-count")).ToHaveTextAsync("1");
        await console.GetByTestId("handoff-item").First.ClickAsync();
        await Expect(console.GetByTestId("handoff-card")).ToContainTextAsync("ООО «Ромашка»");
        await Expect(console.GetByTestId("handoff-card")).ToContainTextAsync("+79161234567");
        await Expect(state).ToHaveAttributeAsync("data-status", "Read");
        await console.GetByTestId("accept-handoff").ClickAsync();
        await Expect(console.GetByTestId("handoff-status")).ToHaveTextAsync("Принята");
        await Expect(state).ToHaveAttributeAsync("data-status", "Accepted");
        await console.GetByTestId("contacted-phone").ClickAsync();
        await Expect(console.GetByTestId("handoff-status")).ToHaveTextAsync("Связались с клиентом");
        await Expect(state).ToHaveAttributeAsync("data-status", "Contacted");
        await Expect(state).ToHaveTextAsync("Менеджер связался с вами");
    }

    [Fact]
    public async Task A_private_note_never_reaches_the_visitors_page()
    {
        var (console, widget) = await ChatFromQueueAsync("Здравствуйте");

        await console.GetByTestId("note-input").FillAsync("Клиент грубит, секрет");
        await console.GetByTestId("add-note").ClickAsync();
        await Expect(console.GetByTestId("note")).ToContainTextAsync("Клиент грубит, секрет");
        await ReplyAsync(console, "Добрый день!");

        await Expect(WidgetMessage(widget, 2)).ToContainTextAsync("Добрый день!");
        await Expect(widget.GetByTestId("chat-panel")).Not.ToContainTextAsync("секрет");
        await widget.ReloadAsync();
        await Expect(WidgetMessage(widget, 2)).ToContainTextAsync("Добрый день!");
        await Expect(widget.GetByTestId("chat-message")).ToHaveCountAsync(2);
        await Expect(widget.GetByTestId("chat-panel")).Not.ToContainTextAsync("секрет");
    }

    [Fact]
    public async Task A_cut_and_restored_console_connection_loses_and_doubles_nothing_on_either_side()
    {
        await using var relay = new TcpRelay(() => server.BaseAddress);
        var (console, widget) = await ChatFromQueueAsync("Первое", site: relay.Address);
        await ReplyAsync(console, "Ответ один");
        await Expect(WidgetMessage(widget, 2)).ToContainTextAsync("Ответ один");
        await Expect(ConsoleMessage(console, 2)).ToContainTextAsync("Ответ один");

        relay.Cut();
        await WriteAsync(widget, "Написано, пока консоль без связи");
        await Expect(WidgetMessage(widget, 3)).ToHaveAttributeAsync("data-state", "sent");
        await ReplyAsync(console, "Ответ без связи");
        await Expect(ConsoleMessageWith(console, "Ответ без связи")).ToHaveAttributeAsync("data-state", "sending");
        await Expect(ConsoleMessageWith(console, "Написано, пока консоль без связи")).ToHaveCountAsync(0);
        await Expect(widget.GetByTestId("chat-message").Filter(new() { HasText = "Ответ без связи" })).ToHaveCountAsync(0);
        relay.Restore();

        await Expect(ConsoleMessageWith(console, "Ответ без связи")).ToHaveAttributeAsync("data-sequence", "4");
        await Expect(ConsoleMessageWith(console, "Написано, пока консоль без связи")).ToHaveCountAsync(1);
        await Expect(widget.GetByTestId("chat-message").Filter(new() { HasText = "Ответ без связи" })).ToHaveCountAsync(1);
        await Expect(console.GetByTestId("message")).ToHaveCountAsync(4);
        await Expect(widget.GetByTestId("chat-message")).ToHaveCountAsync(4);
        var inConsole = await TranscriptAsync(console.GetByTestId("message"));
        var inWidget = await TranscriptAsync(widget.GetByTestId("chat-message"));
        Assert.Equal([1, 2, 3, 4], inConsole.Select(m => m.Sequence));
        Assert.Equal(["Первое", "Ответ один", "Написано, пока консоль без связи", "Ответ без связи"], inConsole.Select(m => m.Text));
        Assert.Equal(inConsole, inWidget);
    }

    [Fact]
    public async Task The_company_panel_recommends_training_once_the_companys_closed_requests_cross_the_thresholds()
    {
        var console = await SignInAsync("m.petrov");
        var (earlier, visitor, _, _) = await clients.VisitorAsync("Ирина");
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Помогите с отчётом"));
        await visitor.IdentifyAsync("10001", phone: "8 (916) 123-45-67");
        var (agent, _) = await clients.AgentAsync("m.petrov");
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(earlier.ConversationId, Guid.NewGuid(), "Сейчас покажу"));
        await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(earlier.ConversationId, 20));

        var widget = await OpenWidgetAsync();
        await WriteAsync(widget, "Снова вопрос по отчётам");
        await IdentifyAsync(widget, "Ромашка", "+7 916 123-45-67");
        await OpenFromQueueAsync(console, "Снова вопрос по отчётам");
        var panel = console.GetByTestId("company-panel");
        await Expect(panel).ToContainTextAsync("ООО «Ромашка»");
        await Expect(panel.Locator("dd").Nth(1)).ToHaveTextAsync("1");
        await Expect(panel.Locator("dd").Nth(2)).ToHaveTextAsync("20");
        await Expect(console.GetByTestId("referral")).ToHaveCountAsync(0);

        await ReplyAsync(console, "Вот инструкция");
        await Expect(ConsoleMessage(console, 3)).ToContainTextAsync("Вот инструкция");
        await console.GetByTestId("preparation-input").FillAsync("25");
        await console.GetByTestId("close-conversation").ClickAsync();

        await Expect(panel.Locator("dd").Nth(1)).ToHaveTextAsync("2");
        await Expect(panel.Locator("dd").Nth(2)).ToHaveTextAsync("45");
        await Expect(console.GetByTestId("referral")).ToHaveTextAsync(Referral);
        await Expect(console.GetByTestId("referral")).ToBeVisibleAsync();
        await Expect(console.GetByTestId("inbox-item").Filter(new() { HasText = "Снова вопрос по отчётам" })).ToHaveCountAsync(0);
    }

    [Fact]
    [Trait("Area", "Security")]
    public async Task A_deep_link_to_a_handoff_shows_it_to_a_supervisor_and_tells_another_manager_it_is_not_theirs()
    {
        var colleague = await SignInAsync("m.smirnova");
        var widget = await OpenWidgetAsync();
        await WriteAsync(widget, "Хочу сменить тариф");
        await IdentifyAsync(widget, "Ромашка", "+7 916 123-45-67");
        var (supervisorHub, _) = await clients.AgentAsync("s.orlov");
        var handoff = Assert.Single(await supervisorHub.InvokeAsync<IReadOnlyList<HandoffCard>>("GetHandoffs"));
        Assert.Equal("m.petrov", handoff.AssignedTo);
        var deepLink = new Uri(server.BaseAddress, $"/console/#handoff={handoff.Id}").ToString();

        var foreign = await colleague.Context.NewPageAsync();
        await foreign.GotoAsync(deepLink);
        await Expect(foreign.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(foreign.GetByTestId("link-error")).ToHaveTextAsync("Эта передача адресована другому сотруднику: открыть её может только адресат или руководитель.");
        await Expect(foreign.GetByTestId("handoff-card")).ToBeHiddenAsync();
        await Expect(foreign.GetByTestId("handoff-item")).ToHaveCountAsync(0);
        await Expect(foreign.GetByTestId("message")).ToHaveCountAsync(0);
        await Expect(foreign.GetByTestId("conversation-title")).ToBeEmptyAsync();

        var supervisor = await OpenConsoleAsync(deepLink);
        await SignInOnAsync(supervisor, "s.orlov");
        var card = supervisor.GetByTestId("handoff-card");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("ООО «Ромашка»");
        await Expect(card).ToContainTextAsync("+79161234567");
        await Expect(ConsoleMessage(supervisor, 1)).ToContainTextAsync("Хочу сменить тариф");
        await Expect(supervisor.GetByTestId("link-error")).ToBeEmptyAsync();
        await Expect(supervisor.GetByTestId("accept-handoff")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_question_recognised_as_out_of_competence_is_offered_its_redirect()
    {
        var (console, widget) = await ChatFromQueueAsync("Здравствуйте");
        var topics = console.GetByTestId("redirect-topic");
        await Expect(topics).ToHaveValueAsync("api");
        await Expect(console.GetByTestId("redirect-suggestion")).ToBeHiddenAsync();

        await WriteAsync(widget, "У нас не работает телефония, звонки не проходят");

        await Expect(console.GetByTestId("redirect-suggestion")).ToHaveTextAsync("Похоже на тему: Ошибки в системе, телефонии или интеграциях");
        await Expect(topics).ToHaveValueAsync("errors");
        await console.GetByTestId("redirect").ClickAsync();
        await Expect(WidgetMessage(widget, 3)).ToContainTextAsync("support@example.com");
    }

    [Fact]
    public async Task Typing_shows_both_ways_and_each_side_sees_when_the_other_has_read_its_messages()
    {
        var (console, widget) = await ChatFromQueueAsync("Подскажите по тарифам");
        await Expect(WidgetMessage(widget, 1)).ToHaveAttributeAsync("data-state", "read");

        var visitorTyping = console.GetByTestId("typing");
        await widget.GetByTestId("chat-input").FillAsync("А скидки есть?");
        await Expect(visitorTyping).ToHaveTextAsync(new Regex("^.+ печатает…$"));
        await widget.GetByTestId("chat-input").PressAsync("Enter");
        await Expect(ConsoleMessage(console, 2)).ToContainTextAsync("А скидки есть?");
        await Expect(visitorTyping).ToBeEmptyAsync();
        await Expect(WidgetMessage(widget, 2)).ToHaveAttributeAsync("data-state", "read");

        var agentTyping = widget.GetByTestId("chat-typing");
        await console.GetByTestId("reply-input").FillAsync("Да, при оплате");
        await Expect(agentTyping).ToContainTextAsync("Пётр Петров");
        await console.GetByTestId("reply-input").FillAsync("");
        await Expect(agentTyping).ToBeEmptyAsync();
        await console.GetByTestId("reply-input").FillAsync("Да, при оплате за год — скидка 15%");
        await Expect(agentTyping).ToContainTextAsync("Пётр Петров");
        await console.GetByTestId("reply-input").PressAsync("Enter");
        await Expect(WidgetMessage(widget, 3)).ToContainTextAsync("скидка 15%");
        await Expect(agentTyping).ToBeEmptyAsync();
        await Expect(ConsoleMessage(console, 3)).ToHaveAttributeAsync("data-state", "read");
        await Expect(ConsoleMessage(console, 3)).ToContainTextAsync("Прочитано");

        await widget.GetByTestId("chat-input").FillAsync("Отлично, а для");
        await Expect(visitorTyping).Not.ToBeEmptyAsync();
        await Expect(console.GetByTestId("visited-page")).ToHaveCountAsync(1);
        await ConsoleScreenshots.SaveAsync(console, "console-typing-read-visitor");

        await console.ReloadAsync();
        await Expect(console.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        await console.GetByTestId("mine-list").GetByTestId("inbox-item").ClickAsync();
        await Expect(ConsoleMessage(console, 3)).ToHaveAttributeAsync("data-state", "read");
        await Expect(ConsoleMessage(console, 2)).ToHaveAttributeAsync("data-sender", "Visitor");
    }

    [Fact]
    public async Task A_rating_given_in_the_widget_after_the_close_shows_in_the_consoles_visitor_details_live()
    {
        var (console, widget) = await ChatFromQueueAsync("Подскажите по счёту");
        await ReplyAsync(console, "Счёт отправлен на почту.");
        await Expect(ConsoleMessage(console, 2)).ToContainTextAsync("Счёт отправлен на почту.");
        await console.GetByTestId("close-conversation").ClickAsync();

        await Expect(widget.GetByTestId("chat-rating")).ToBeVisibleAsync();
        await widget.GetByLabel("Оценка 4 из 5").ClickAsync();
        await widget.GetByTestId("chat-rating-comment").FillAsync("Быстро и понятно");
        await widget.GetByTestId("chat-rating-submit").ClickAsync();

        var rating = console.GetByTestId("visitor-rating");
        await Expect(rating).ToHaveAttributeAsync("data-score", "4");
        await Expect(rating).ToContainTextAsync("4 из 5");
        await Expect(rating).ToContainTextAsync("Быстро и понятно");
    }

    [Fact]
    public async Task The_visitor_details_show_who_the_visitor_is_and_the_pages_visited_newest_first_as_safe_links()
    {
        var (console, widget) = await ChatFromQueueAsync("Смотрю тарифы");

        var details = console.GetByTestId("visitor-details");
        await Expect(details).ToBeVisibleAsync();
        await Expect(console.GetByTestId("visitor-online")).ToHaveTextAsync("да");
        var pages = console.GetByTestId("visited-page");
        await Expect(pages).ToHaveCountAsync(1);
        var home = pages.First.Locator("a");
        await Expect(home).ToHaveAttributeAsync("href", new Uri(server.BaseAddress, "/").ToString());
        await Expect(home).ToHaveAttributeAsync("rel", "noopener noreferrer");
        await Expect(home).ToHaveAttributeAsync("target", "_blank");
        await Expect(home).ToHaveTextAsync("Бизнес-Система — управление компанией в одном окне");

        await widget.GotoAsync(new Uri(server.BaseAddress, "/index.html?promo=secret-code#tariffs").ToString());

        await Expect(pages).ToHaveCountAsync(2);
        await Expect(pages.First.Locator("a")).ToHaveAttributeAsync("href", new Uri(server.BaseAddress, "/index.html").ToString());
        await Expect(pages.Nth(1).Locator("a")).ToHaveAttributeAsync("href", new Uri(server.BaseAddress, "/").ToString());
        await Expect(details).Not.ToContainTextAsync("secret-code");
        await Expect(details).Not.ToContainTextAsync("tariffs");
    }

    [Fact]
    public async Task A_redirect_answers_an_english_visitor_in_english_once_and_no_answer_adds_the_community_message()
    {
        const string ApiRedirect =
            "Questions about “API” are handled by technical support rather than managers. Please write to support@example.com and the support team will help.";
        const string NoAnswer =
            "Found no answer to your question? Ask other users in our community at https://community.example.com, or write to technical support at support@example.com with the subject “Question about functionality”.";
        var (console, widget) = await ChatFromQueueAsync("How do I call your API from PHP?", locale: "en-US");

        var topics = console.GetByTestId("redirect-topic");
        await Expect(topics.Locator("option")).ToHaveTextAsync(
        [
            "API",
            "Установка и обновление коробочной версии",
            "Ошибки в системе, телефонии или интеграциях",
            "Настройка системы по ТЗ",
            "Оптимизация бизнес-процессов",
            "Нет ответа — сообщество и поддержка",
        ]);
        await Expect(topics).ToHaveValueAsync("api");
        await topics.SelectOptionAsync(new SelectOptionValue { Label = "API" });
        await console.GetByTestId("redirect").ClickAsync();

        var redirect = WidgetMessage(widget, 2);
        await Expect(redirect).ToHaveAttributeAsync("data-sender", "Agent");
        await Expect(redirect.Locator(".message__text")).ToHaveTextAsync(ApiRedirect);
        await Expect(ConsoleMessage(console, 2).Locator(".message__text")).ToHaveTextAsync(ApiRedirect);
        await Expect(ConsoleMessageWith(console, ApiRedirect)).ToHaveCountAsync(1);
        await Expect(console.GetByTestId("message")).ToHaveCountAsync(2);

        await topics.SelectOptionAsync(new SelectOptionValue { Label = "Нет ответа — сообщество и поддержка" });
        await console.GetByTestId("redirect").DblClickAsync();
        await Expect(WidgetMessage(widget, 3).Locator(".message__text")).ToHaveTextAsync(NoAnswer);
        await Expect(ConsoleMessage(console, 3).Locator(".message__text")).ToHaveTextAsync(NoAnswer);
        await Expect(console.GetByTestId("redirect")).ToBeEnabledAsync();
        await ReplyAsync(console, "Anything else?");
        await Expect(ConsoleMessageWith(console, "Anything else?")).ToHaveAttributeAsync("data-sequence", "4");
        await Expect(widget.GetByTestId("chat-message")).ToHaveCountAsync(4);
        await Expect(console.GetByTestId("message")).ToHaveCountAsync(4);
        await Expect(ConsoleMessageWith(console, ApiRedirect)).ToHaveCountAsync(1);
        await Expect(console.GetByTestId("details-error")).ToBeEmptyAsync();

        await console.GetByTestId("language-switch").ClickAsync();
        await Expect(topics.Locator("option")).ToHaveTextAsync(
        [
            "API",
            "On-premise installation and updates",
            "Errors in the system, telephony or integrations",
            "Configuration to your specification",
            "Business-process optimisation",
            "No answer — community and support",
        ]);
        await Expect(topics).ToHaveValueAsync("no-answer");
        await Expect(console.GetByTestId("redirect")).ToHaveTextAsync("Redirect");
    }

    [Fact]
    public async Task A_refused_transfer_is_said_beside_its_field_and_a_transferred_then_closed_conversation_turns_read_only_live()
    {
        var (smirnova, _) = await clients.AgentAsync("m.smirnova");
        var (console, _) = await ChatFromQueueAsync("Нужен счёт на оплату");
        await ReplyAsync(console, "Сейчас подготовлю");
        await Expect(ConsoleMessage(console, 2)).ToContainTextAsync("Сейчас подготовлю");
        var transferError = console.GetByTestId("transfer-error");

        await console.GetByTestId("transfer-input").FillAsync("no.body");
        await console.GetByTestId("transfer").ClickAsync();
        await Expect(transferError).ToHaveTextAsync("Нет сотрудника с таким логином.");
        await Expect(console.GetByTestId("transfer-input")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(console.GetByTestId("details-error")).ToBeEmptyAsync();
        await console.GetByTestId("transfer-input").FillAsync("m.smirnova");
        await console.GetByTestId("transfer").ClickAsync();

        var state = console.GetByTestId("conversation-state");
        await Expect(state).ToHaveTextAsync("Вы передали диалог, теперь его ведёт Мария Смирнова (m.smirnova).");
        await Expect(transferError).ToBeEmptyAsync();
        await Expect(console.GetByTestId("reply-input")).ToBeHiddenAsync();
        await Expect(console.GetByTestId("close-conversation")).ToBeDisabledAsync();
        await Expect(console.GetByTestId("transfer")).ToBeDisabledAsync();
        await Expect(console.GetByTestId("message")).ToHaveCountAsync(3);
        await Expect(ConsoleMessage(console, 3)).ToContainTextAsync("Ваш вопрос передан специалисту: Мария Смирнова.");
        await ConsoleScreenshots.SaveAsync(console, "console-transferred");

        var conversation = (await smirnova.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetInbox")).Single(c => c.AssignedTo == "m.smirnova");
        await smirnova.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(conversation.Id, 0));
        await Expect(state).ToHaveTextAsync("Диалог завершён.");
        await Expect(console.GetByTestId("close-conversation")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task A_handoff_reads_in_russian_throughout_and_the_queue_keeps_the_visitors_question_over_the_automatic_reply()
    {
        var console = await SignInAsync("m.petrov");
        var widget = await OpenWidgetAsync();
        await WriteAsync(widget, "Нужен счёт на оплату");
        await IdentifyAsync(widget, "Ромашка", "+7 916 123-45-67");

        var queued = console.GetByTestId("inbox").GetByTestId("inbox-item");
        await Expect(queued.Locator(".inbox-item__text")).ToHaveTextAsync("Нужен счёт на оплату");
        await Expect(console.GetByTestId("handoff-item").First).Not.ToContainTextAsync("Delivered");
        await console.GetByTestId("handoff-item").First.ClickAsync();
        var card = console.GetByTestId("handoff-card");
        await Expect(card).ToContainTextAsync("Бизнес");
        await Expect(card).Not.ToContainTextAsync("business");
        await Expect(console.GetByTestId("handoff-status")).ToHaveTextAsync("Прочитана");
        await Expect(console.GetByTestId("visitor-details").Locator("dd").Nth(1)).ToHaveTextAsync("русский");
        var automatic = console.Locator("[data-testid=message][data-sender=System]");
        await Expect(automatic.Locator(".message__author")).ToHaveTextAsync("Автоматическое сообщение");
        await Expect(console.GetByTestId("attach-button")).ToHaveTextAsync("Прикрепить скриншот или PDF…");
        await Expect(console.GetByTestId("attach-button")).ToBeVisibleAsync();
        await Expect(console.Locator(".message__author, .message__meta").Filter(new() { HasTextRegex = new Regex("System|Chat|Delivered|Read|Sent") })).ToHaveCountAsync(0);
        await console.GetByTestId("accept-handoff").ClickAsync();
        await Expect(console.GetByTestId("handoff-status")).ToHaveTextAsync("Принята");
        await ConsoleScreenshots.SaveAsync(console, "console-queue-handoff");
    }

    [Fact]
    public async Task Saved_answers_are_picked_with_the_keyboard_right_to_left_names_stay_isolated_and_section_counts_stay_round()
    {
        var console = await SignInAsync("m.petrov");
        var (_, visitor, _, _) = await clients.VisitorAsync("محمد علي");
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "مرحبا، أحتاج فاتورة"));
        await OpenFromQueueAsync(console, "مرحبا");

        var name = console.GetByTestId("inbox-item").First.Locator(".inbox-item__name");
        foreach (var part in new[] { name, console.GetByTestId("inbox-item").First.Locator(".inbox-item__text"), ConsoleMessage(console, 1).Locator(".message__text"), console.GetByTestId("conversation-title") })
        {
            await Expect(part).ToHaveAttributeAsync("dir", "auto");
            await Expect(part).ToHaveCSSAsync("unicode-bidi", new Regex("^(isolate|plaintext)$"));
        }

        var input = console.GetByTestId("reply-input");
        await input.PressSequentiallyAsync("/");
        var picker = console.GetByTestId("saved-answers");
        await Expect(picker).ToBeVisibleAsync();
        await Expect(picker).ToHaveAttributeAsync("role", "listbox");
        var options = picker.GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(3);
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await input.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(options.Nth(1)).ToHaveCSSAsync("background-color", "rgb(11, 99, 206)");
        await ConsoleScreenshots.SaveAsync(console, "console-saved-answers");
        await input.PressAsync("Enter");
        await Expect(picker).ToBeHiddenAsync();
        await Expect(input).ToHaveValueAsync(new Regex("^Пароль можно сбросить"));
        await Expect(console.GetByTestId("message")).ToHaveCountAsync(1);
        await input.FillAsync("");
        await input.PressSequentiallyAsync("/exp");
        await input.PressAsync("Escape");
        await Expect(picker).ToBeHiddenAsync();
        await Expect(input).ToHaveValueAsync("/exp");

        await console.SetViewportSizeAsync(1000, 860);
        var dueHeading = (await console.Locator("h3.section").Filter(new() { Has = console.GetByTestId("due-count") }).BoundingBoxAsync())!;
        var due = (await console.GetByTestId("due-count").BoundingBoxAsync())!;
        Assert.True(dueHeading.Height > 2 * due.Height, $"The heading ({dueHeading.Height}px) should wrap at this width.");
        foreach (var count in new[] { "due-count", "queue-count", "handoff-count" })
        {
            Assert.InRange((await console.GetByTestId(count).BoundingBoxAsync())!.Height, 10, 24);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static ILocator WidgetMessage(IPage page, int sequence) =>
        page.Locator($"[data-testid=chat-message][data-sequence='{sequence}']");

    private static ILocator ConsoleMessage(IPage page, int sequence) =>
        page.Locator($"[data-testid=message][data-sequence='{sequence}']");

    private static ILocator ConsoleMessageWith(IPage page, string text) =>
        page.GetByTestId("message").Filter(new() { HasText = text });

    private static async Task<(int Sequence, string Text)[]> TranscriptAsync(ILocator messages)
    {
        var items = await messages.EvaluateAllAsync<string[][]>(
            "items => items.map(i => [i.dataset.sequence ?? '', i.querySelector('.message__text')?.textContent ?? ''])");
        return [.. items.Select(i => (int.Parse(i[0], System.Globalization.CultureInfo.InvariantCulture), i[1]))];
    }

    private async Task<IPage> OpenConsoleAsync(string address)
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 860 }, Locale = "ru-RU" });
        contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(address);
        return page;
    }

    /// <summary>Opens the console, directly or at <paramref name="site"/> (a relay to the server), and signs in.</summary>
    /// <summary>The usual start: m.petrov's console, a visitor's widget that writes <paramref name="first"/>, and the console opening it from the queue.</summary>
    private async Task<(IPage Console, IPage Widget)> ChatFromQueueAsync(string first, string locale = "ru-RU", Uri? site = null)
    {
        var console = await SignInAsync("m.petrov", site);
        var widget = await OpenWidgetAsync(locale);
        await WriteAsync(widget, first);
        await OpenFromQueueAsync(console, first);
        return (console, widget);
    }

    private async Task<IPage> SignInAsync(string login, Uri? site = null)
    {
        var page = await OpenConsoleAsync(new Uri(site ?? server.BaseAddress, "/console/").ToString());
        await SignInOnAsync(page, login);
        return page;
    }

    private static async Task SignInOnAsync(IPage page, string login)
    {
        await page.GetByTestId("login").FillAsync(login);
        await page.GetByTestId("password").FillAsync("demo");
        await page.GetByTestId("sign-in").ClickAsync();
        await Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>
    /// The demo site with the widget open, ready to chat (a console must be signed in for someone to answer); the browser's
    /// <paramref name="locale"/> sets the widget's language, since the demo page's script tag has no data-lang.
    /// </summary>
    private async Task<IPage> OpenWidgetAsync(string locale = "ru-RU")
    {
        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 800 }, Locale = locale });
        contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(server.BaseAddress, "/").ToString());
        await page.GetByTestId("chat-launcher").ClickAsync();
        await Expect(page.GetByTestId("chat-connection-state")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByTestId("chat-form")).ToBeVisibleAsync();
        return page;
    }

    private static async Task WriteAsync(IPage widget, string text)
    {
        await widget.GetByTestId("chat-input").FillAsync(text);
        await widget.GetByTestId("chat-input").PressAsync("Enter");
        await Expect(widget.GetByTestId("chat-message").Filter(new() { HasText = text })).ToHaveAttributeAsync("data-sequence", Stored);
    }

    private static async Task IdentifyAsync(IPage widget, string account, string phone)
    {
        await widget.GetByTestId("chat-client-button").ClickAsync();
        await widget.GetByTestId("chat-identify-accountNameOrId").FillAsync(account);
        await widget.GetByTestId("chat-identify-phone").FillAsync(phone);
        await widget.GetByTestId("chat-identify-submit").ClickAsync();
        await Expect(widget.GetByTestId("chat-handoff-confirmation")).ToContainTextAsync("менеджер");
    }

    /// <summary>Opens the one conversation waiting in the Queue section and waits for the visitor's <paramref name="text"/>.</summary>
    private static async Task OpenFromQueueAsync(IPage console, string text)
    {
        await Expect(console.GetByTestId("queue-count")).ToHaveTextAsync("1");
        await console.GetByTestId("inbox").GetByTestId("inbox-item").ClickAsync();
        await Expect(ConsoleMessage(console, 1)).ToContainTextAsync(text);
    }

    private static async Task ReplyAsync(IPage console, string text)
    {
        await console.GetByTestId("reply-input").FillAsync(text);
        await console.GetByTestId("reply-input").PressAsync("Enter");
    }
}
