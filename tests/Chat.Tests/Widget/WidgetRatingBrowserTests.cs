using Chat.Tests.Console;
using Microsoft.Playwright;

namespace Chat.Tests.Widget;

/// <summary>
/// The visitor rates a closed conversation (issue #17): the prompt comes with the close notice, live and after a reload,
/// fits a 360×740 phone beside the conversation and "Начать новый диалог", sends one rating and thanks; it is not asked
/// for again, and the agent sees the rating in the visitor's details. The screenshot goes to <c>tests/results/screenshots</c>.
/// </summary>
[Trait("Area", "Widget")]
public sealed partial class WidgetBrowserTests
{
    [Fact]
    public async Task After_the_close_the_visitor_rates_the_conversation_once_and_is_not_asked_again()
    {
        var (page, agent) = await StartLiveAsync(viewport: Phone);
        await SendAsync(page, "Когда привезут заказ?");
        var conversation = await agent.ConversationWithAsync("Когда привезут заказ?");
        await agent.ReplyAsync(conversation, "Завтра до обеда.");
        await Expect(Message(page, 2)).ToBeVisibleAsync();
        await agent.CloseAsync(conversation);

        var prompt = page.GetByTestId("chat-rating");
        await Expect(prompt).ToBeVisibleAsync();
        await Expect(prompt.Locator("legend")).ToHaveTextAsync("Оцените, пожалуйста, разговор");
        await page.ReloadAsync();
        await Expect(prompt).ToBeVisibleAsync();
        foreach (var part in new[] { Message(page, 3), page.GetByTestId("chat-new-conversation"), page.GetByTestId("chat-rating-submit"), page.GetByTestId("chat-input") })
        {
            await Expect(part).ToBeInViewportAsync(new() { Ratio = 1 });
        }

        var transcript = (await page.GetByTestId("chat-messages").BoundingBoxAsync())!;
        Assert.True(transcript.Height >= 200, $"The conversation keeps {transcript.Height} px beside the prompt.");
        var text = await page.GetByTestId("chat-panel").InnerTextAsync();
        Assert.DoesNotMatch("[A-Za-z]", text);
        await ConsoleScreenshots.SaveAsync(page, "widget-rating");

        await page.GetByLabel("Оценка 4 из 5").TapAsync();
        await page.GetByTestId("chat-rating-comment").FillAsync("Быстро и вежливо");
        await page.GetByTestId("chat-rating-submit").TapAsync();

        await Expect(page.GetByTestId("chat-rating-thanks")).ToHaveTextAsync("Спасибо за оценку!");
        await Expect(page.GetByTestId("chat-rating-form")).ToBeHiddenAsync();
        var details = await agent.VisitorDetailsAsync(conversation);
        Assert.Equal((4, "Быстро и вежливо"), (details.Rating!.Score, details.Rating.Comment));

        await page.ReloadAsync();
        await Expect(page.GetByTestId("chat-connection-state")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByTestId("chat-new-conversation")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1000); // the answer of GetRatingState, which brought the prompt back after the first reload
        await Expect(prompt).ToBeHiddenAsync();
    }
}
