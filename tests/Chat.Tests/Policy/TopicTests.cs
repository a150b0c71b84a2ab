using Chat.Server.Policy;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>R8: what managers answer and what goes to support or to Training &amp; Implementation; R11: where a visitor with no answer goes.</summary>
[Trait("Area", "Policy")]
public sealed class TopicTests
{
    private readonly ITopicCatalogue catalogue = Company.Topics;

    [Theory]
    [InlineData("Сколько стоит тариф Бизнес?", "ru", "prices")]
    [InlineData("ЕСТЬ ЛИ СЕЙЧАС АКЦИИ?", "ru", "promotions")]
    [InlineData("Пришлите счёт на оплату", "ru", "contract")]
    [InlineData("Где найти реквизиты для договора?", "ru", "contract")]
    [InlineData("Как подключить интеграцию с почтой?", "ru", "integrations")]
    [InlineData("Как работать с API?", "ru", "api")]
    [InlineData("Выдаёт ошибку при звонке через телефонию", "ru", "errors")]
    [InlineData("Ошибка в интеграции с почтой", "ru", "errors")]
    [InlineData("Хотим установить коробочную версию на свой сервер", "ru", "on-premise")]
    [InlineData("Нужно настроить систему по нашему ТЗ", "ru", "customisation")]
    [InlineData("Помогите оптимизировать бизнес-процессы отдела", "ru", "business-processes")]
    [InlineData("How much does the Business tariff cost?", "en", "prices")]
    [InlineData("Is there a DISCOUNT this month?", "en", "promotions")]
    [InlineData("Please send the invoice", "en", "contract")]
    [InlineData("I get an error when I open a task", "en", "errors")]
    [InlineData("Can we install it on our own server?", "en", "on-premise")]
    [InlineData("Could you customise the system to our specification?", "en", "customisation")]
    [InlineData("Can you optimise our business process?", "en", "business-processes")]
    [InlineData("Does the API have webhooks?", "ru", "api")]
    [InlineData("Какая цена?", "en", "prices")]
    public void A_topic_is_recognised_in_free_text_in_Russian_and_English(string text, string language, string topic) =>
        Assert.Equal(topic, catalogue.RecogniseTopic(text, language)?.Key);

    /// <summary>Each topic in at least two English phrasings a visitor would write, as the policy's defaults recognise them.</summary>
    [Theory]
    [InlineData("Please renew our agreement", "contract")]
    [InlineData("Where do I get your bank details for the payment?", "contract")]
    [InlineData("What are your prices for 20 users?", "prices")]
    [InlineData("Can you send us a quote?", "prices")]
    [InlineData("Do you have a promo code?", "promotions")]
    [InlineData("Any coupon for new clients?", "promotions")]
    [InlineData("How do I add a new user?", "functionality")]
    [InlineData("Where can I find the reports?", "functionality")]
    [InlineData("Is there an integration with 1C?", "integrations")]
    [InlineData("Can we sync contacts with Google?", "integrations")]
    [InlineData("Is there an SDK for Python?", "api")]
    [InlineData("Which endpoint returns the deals?", "api")]
    [InlineData("Do you have a self-hosted edition?", "on-premise")]
    [InlineData("How do we upgrade the on-prem version?", "on-premise")]
    [InlineData("The telephony is not working", "errors")]
    [InlineData("The app crashes when I save a task", "errors")]
    [InlineData("Can you set up the system to our spec?", "customisation")]
    [InlineData("We need a bespoke configuration", "customisation")]
    [InlineData("Help us improve the sales workflow", "business-processes")]
    [InlineData("We want process automation in our sales team", "business-processes")]
    public void Every_topic_is_recognised_in_English_phrasings(string text, string topic) =>
        Assert.Equal(topic, catalogue.RecogniseTopic(text, "en")?.Key);

    [Theory]
    [InlineData("Is there a special offer this month?", "promotions")]
    [InlineData("What are the system requirements?", null)]
    [InlineData("I have a question about a specific report", null)]
    public void An_English_keyword_does_not_catch_a_neighbouring_word(string text, string? topic) =>
        Assert.Equal(topic, catalogue.RecogniseTopic(text, "en")?.Key);

    [Theory]
    [InlineData("Здравствуйте", "ru")]
    [InlineData("Хотим увеличить капитал", "ru")]
    [InlineData("Rapid growth", "en")]
    [InlineData("", "en")]
    [InlineData("   ", "ru")]
    public void A_text_without_a_keyword_at_the_start_of_a_word_has_no_topic(string text, string language) =>
        Assert.Null(catalogue.RecogniseTopic(text, language));

    [Theory]
    [InlineData("contract", false)]
    [InlineData("prices", false)]
    [InlineData("promotions", false)]
    [InlineData("functionality", false)]
    [InlineData("integrations", false)]
    [InlineData("api", true)]
    [InlineData("on-premise", true)]
    [InlineData("errors", true)]
    [InlineData("customisation", true)]
    [InlineData("business-processes", true)]
    public void Managers_answer_the_contract_prices_promotions_functionality_and_integrations_and_nothing_else(string key, bool redirected)
    {
        var topic = catalogue.FindTopic(key)!;

        Assert.Equal(redirected, topic.IsRedirected);
        Assert.Equal(redirected, catalogue.RedirectFor(topic, "ru") is not null);
    }

    [Theory]
    [InlineData("api", "ru", "support", "support@example.com")]
    [InlineData("api", "en", "support", "support@example.com")]
    [InlineData("on-premise", "ru", "support", "support@example.com")]
    [InlineData("errors", "en", "support", "support@example.com")]
    [InlineData("customisation", "ru", "training", "training@example.com")]
    [InlineData("business-processes", "en", "training", "training@example.com")]
    public void A_redirected_topic_is_answered_with_a_ready_message_that_carries_the_route(string key, string language, string department, string email)
    {
        var redirect = catalogue.RedirectFor(catalogue.FindTopic(key)!, language)!;

        Assert.Equal(department, redirect.Department.Key);
        Assert.Equal(email, redirect.Email);
        Assert.Contains(email, redirect.Message, StringComparison.Ordinal);
        Assert.Contains(redirect.Topic.Label.In(language), redirect.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{", redirect.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_training_redirect_names_the_Training_and_Implementation_department()
    {
        var redirect = catalogue.RedirectFor(catalogue.FindTopic("customisation")!, "en")!;

        Assert.Contains("Training & Implementation", redirect.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ru", "Вопрос по функционалу")]
    [InlineData("en", "Question about functionality")]
    public void A_visitor_who_found_no_answer_is_sent_to_the_community_and_to_support_with_the_subject(string language, string subject)
    {
        var message = catalogue.NoAnswerMessage(language);

        Assert.Contains("https://community.example.com", message, StringComparison.Ordinal);
        Assert.Contains("support@example.com", message, StringComparison.Ordinal);
        Assert.Contains(subject, message, StringComparison.Ordinal);
        Assert.Equal(subject, catalogue.NoAnswerSubject(language));
    }
}
