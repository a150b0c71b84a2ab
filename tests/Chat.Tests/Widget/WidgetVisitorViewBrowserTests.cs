using Chat.Contracts;
using Chat.Tests.Console;
using Chat.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Chat.Tests.Widget;

/// <summary>
/// What a visitor meets (issue #14): the conversation or the offline form first with the topics as chips that go once used,
/// a visible answer to a topic, Russian without English signatures or zone abbreviations, notices of a transfer and a close
/// with a new conversation after it, and right-to-left text kept in its place. Screenshots go to <c>tests/results/screenshots</c>.
/// </summary>
[Trait("Area", "Widget")]
public sealed partial class WidgetBrowserTests
{
    private static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };
    private static readonly ViewportSize Desktop = new() { Width = 1000, Height = 800 };

    public static TheoryData<int, int> Screens => new() { { 360, 740 }, { 1280, 800 } };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_conversation_comes_first_with_compact_topic_chips_that_go_once_the_visitor_writes(int width, int height)
    {
        var (page, _) = await StartLiveAsync(viewport: new() { Width = width, Height = height });
        var panel = (await page.GetByTestId("chat-panel").BoundingBoxAsync())!;
        var transcript = (await page.GetByTestId("chat-messages").BoundingBoxAsync())!;
        var topics = (await page.GetByTestId("chat-topics").BoundingBoxAsync())!;

        Assert.True(transcript.Y < topics.Y, "The topics are above the conversation.");
        Assert.True(transcript.Height >= panel.Height * 0.35, $"The conversation has {transcript.Height} of the panel's {panel.Height} px.");
        Assert.True(topics.Height <= 100, $"The topics take {topics.Height} px.");
        await Expect(page.GetByTestId("chat-input")).ToBeInViewportAsync(new() { Ratio = 1 });
        await ConsoleScreenshots.SaveAsync(page, $"widget-start-{width}");

        await SendAsync(page, "Здравствуйте, есть вопрос");

        await Expect(Message(page, 1)).ToHaveAttributeAsync("data-state", "sent");
        await Expect(page.GetByTestId("chat-topics")).ToBeHiddenAsync();
        await Expect(Message(page, 1)).ToBeInViewportAsync();
        await page.ReloadAsync();
        await Expect(Message(page, 1)).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-topics")).ToBeHiddenAsync();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Outside_hours_the_offline_form_comes_first_and_fits_the_screen(int width, int height)
    {
        var page = await OpenWidgetAsync(DemoClock.Sunday, viewport: new() { Width = width, Height = height });
        await Expect(page.GetByTestId("chat-offline")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-topic").First).ToBeVisibleAsync();

        await Expect(page.GetByTestId("chat-offline-info")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByTestId("chat-offline-text")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByTestId("chat-offline-submit")).ToBeInViewportAsync(new() { Ratio = 1 });
        var form = (await page.GetByTestId("chat-offline").BoundingBoxAsync())!;
        var topics = (await page.GetByTestId("chat-topics").BoundingBoxAsync())!;
        Assert.True(form.Y < topics.Y, "The topics are above the offline form.");
        Assert.True(topics.Height <= 100, $"The topics take {topics.Height} px.");
        await ConsoleScreenshots.SaveAsync(page, $"widget-offline-{width}");
    }

    [Fact]
    public async Task A_topic_answers_at_once_with_the_redirect_or_starts_the_question_in_the_composer()
    {
        var (page, _) = await StartLiveAsync();

        await page.GetByTestId("chat-topic").Filter(new() { HasText = "Цены и тарифы" }).ClickAsync();

        await Expect(page.GetByTestId("chat-input")).ToHaveValueAsync("Цены и тарифы: ");
        await Expect(page.GetByTestId("chat-input")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("chat-topics")).ToBeHiddenAsync();

        await page.ReloadAsync();
        await page.GetByTestId("chat-topic").Filter(new() { HasText = "API" }).ClickAsync();

        await Expect(page.GetByTestId("chat-topic-answer")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chat-topic-answer")).ToContainTextAsync("support@example.com");
        await Expect(page.GetByTestId("chat-topic-answer")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.GetByTestId("chat-message")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_Russian_widget_signs_no_notice_in_English_and_names_the_zone_as_its_texts_do()
    {
        var page = await OpenWidgetAsync(DemoClock.Sunday);
        await page.GetByTestId("chat-offline-text").FillAsync("Вопрос о тарифах");
        await page.GetByTestId("chat-offline-email").FillAsync("olga@example.com");
        await page.GetByTestId("chat-offline-submit").ClickAsync();
        var notice = Message(page, 2);
        await Expect(notice).ToHaveAttributeAsync("data-sender", "System");

        await Expect(page.GetByTestId("chat-subtitle")).ToHaveTextAsync("Отвечаем в рабочее время, 09:00–19:00 по московскому времени");
        await Expect(notice.Locator(".message__author")).ToHaveCountAsync(0);
        Assert.Equal("center", await notice.EvaluateAsync<string>("item => getComputedStyle(item).alignSelf"));
        var text = await page.GetByTestId("chat-panel").InnerTextAsync();
        foreach (var english in new[] { "System", "Chat", "GMT", "MSK", "E-mail", "e-mail" })
        {
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_transfer_and_a_close_are_shown_and_after_the_close_the_visitor_starts_a_new_conversation()
    {
        var (page, agent) = await StartLiveAsync();
        await SendAsync(page, "Вопрос по договору");
        var conversation = await agent.ConversationWithAsync("Вопрос по договору");

        await agent.TransferAsync(conversation, "m.smirnova");
        await Expect(Message(page, 2)).ToContainTextAsync("Ваш вопрос передан специалисту: Мария Смирнова.");
        await Expect(page.GetByTestId("chat-new-conversation")).ToBeHiddenAsync();
        var colleague = await Agent.ConnectAsync(server!.BaseAddress, hubs, "m.smirnova");
        await colleague.CloseAsync(conversation);
        await Expect(Message(page, 3)).ToContainTextAsync("Диалог завершён.");
        await Expect(Message(page, 3)).ToHaveAttributeAsync("data-sender", "System");
        await Expect(page.GetByTestId("chat-new-conversation")).ToHaveTextAsync("Начать новый диалог");

        await page.ReloadAsync();
        await Expect(Message(page, 3)).ToContainTextAsync("Диалог завершён.");
        await Expect(page.GetByTestId("chat-new-conversation")).ToBeVisibleAsync();
        await ConsoleScreenshots.SaveAsync(page, "widget-closed");

        await page.GetByTestId("chat-new-conversation").ClickAsync();

        await Expect(page.GetByTestId("chat-message")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("chat-new-conversation")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("chat-topic").First).ToBeVisibleAsync();
        await SendAsync(page, "Новый вопрос");
        await Expect(Message(page, 1)).ToHaveAttributeAsync("data-state", "sent");
        Assert.NotEqual(conversation, await agent.ConversationWithAsync("Новый вопрос"));
    }

    [Fact]
    public async Task Right_to_left_names_and_texts_are_isolated_from_the_widgets_own_words()
    {
        var (page, agent) = await StartLiveAsync();
        await SendAsync(page, "שלום, יש לי שאלה");
        var conversation = await agent.ConversationWithAsync("שלום, יש לי שאלה");
        await agent.ReplyAsync(conversation, "مرحبا! 123 كيف أساعدك؟");
        await Expect(Message(page, 2)).ToBeVisibleAsync();

        foreach (var part in new[] { Message(page, 1).Locator(".message__text"), Message(page, 2).Locator(".message__text"), Message(page, 2).Locator(".message__author") })
        {
            await Expect(part).ToHaveAttributeAsync("dir", "auto");
            Assert.Contains(await part.EvaluateAsync<string>("e => getComputedStyle(e).unicodeBidi"), new[] { "isolate", "plaintext", "isolate-override" });
        }

        await agent.TypingAsync(conversation, true);
        await Expect(page.GetByTestId("chat-typing").Locator("bdi")).ToHaveTextAsync("Пётр Петров");
        var meta = (await Message(page, 2).Locator(".message__meta").BoundingBoxAsync())!;
        var bubble = (await Message(page, 2).Locator(".message__text").BoundingBoxAsync())!;
        Assert.True(meta.Y >= bubble.Y + bubble.Height - 1, "The time moved into the right-to-left text.");
    }
}
