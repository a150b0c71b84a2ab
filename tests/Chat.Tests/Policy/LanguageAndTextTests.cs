using Chat.Server.Policy;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>What the visitor is told, in Russian by default and in English on request.</summary>
[Trait("Area", "Policy")]
public sealed class LanguageAndTextTests
{
    private readonly IVisitorTexts texts = Company.Texts;

    [Theory]
    [InlineData(null, "ru")]
    [InlineData("", "ru")]
    [InlineData("ru", "ru")]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("ru_RU", "ru")]
    [InlineData("de", "ru")]
    public void The_requested_language_is_used_when_configured_and_Russian_otherwise(string? requested, string language) =>
        Assert.Equal(language, texts.ResolveLanguage(requested));

    [Theory]
    [InlineData("ru", "Вы уже наш клиент?")]
    [InlineData("en", "Are you already a client of ours?")]
    [InlineData("fr", "Вы уже наш клиент?")]
    public void The_visitor_is_asked_whether_they_are_already_a_client_in_their_language(string language, string question) =>
        Assert.Equal(question, texts.InLanguage(language).AskIfClient);

    [Fact]
    public void Every_step_has_a_text_in_both_languages()
    {
        foreach (var language in new[] { "ru", "en" })
        {
            var inLanguage = texts.InLanguage(language);
            Assert.All(
                new[] { inLanguage.Greeting, inLanguage.AskIfClient, inLanguage.AskAccount, inLanguage.HandoffByEmail, inLanguage.HandoffByPhone, inLanguage.HandoffByPhoneOrEmail, inLanguage.Offline, inLanguage.LongerWork, inLanguage.NoAnswer },
                text => Assert.False(string.IsNullOrWhiteSpace(text)));
        }

        Assert.NotEqual(texts.InLanguage("ru").Greeting, texts.InLanguage("en").Greeting);
    }

    [Theory]
    [InlineData("ru", "понедельник, 30 ноября, 09:00")]
    [InlineData("en", "Monday, 30 November, 09:00")]
    public void The_offline_notice_on_Friday_evening_names_the_hours_and_Monday_morning(string language, string nextOpen)
    {
        var notice = texts.OfflineNotice(Moscow("2026-11-27 19:05"), language);

        Assert.Contains("09:00", notice, StringComparison.Ordinal);
        Assert.Contains("19:00", notice, StringComparison.Ordinal);
        Assert.Contains(nextOpen, notice, StringComparison.Ordinal);
        Assert.DoesNotContain("{", notice, StringComparison.Ordinal);
    }
}
