using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

/// <summary>The topics and redirects compiled from validated <see cref="PolicyOptions"/>; immutable and thread-safe.</summary>
public sealed class TopicCatalogue : ITopicCatalogue
{
    private readonly IVisitorTexts texts;
    private readonly Dictionary<string, Topic> topicsByKey;
    private readonly Dictionary<Topic, Dictionary<string, string[]>> keywords;

    /// <summary>The topics in the order recognition tries them: the redirected ones first, then the configured order.</summary>
    private readonly Topic[] recognitionOrder;
    private readonly Dictionary<string, Localised> redirects;
    private readonly Localised noAnswerSubject;

    public TopicCatalogue(IOptions<PolicyOptions> options, IVisitorTexts texts, IConsultantRouting routing)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(routing);
        var policy = options.Value;
        this.texts = texts;
        Topics = [.. policy.Topics.Select(t => new Topic(
            t.Key,
            new Localised(t.Labels, policy.DefaultLanguage),
            t.RedirectTo?.Trim() is { Length: > 0 } department ? routing.FindDepartment(department) : null))];
        topicsByKey = Topics.ToDictionary(t => t.Key, StringComparer.OrdinalIgnoreCase);
        recognitionOrder = [.. Topics.OrderByDescending(t => t.IsRedirected)];
        keywords = Topics.Zip(policy.Topics).ToDictionary(
            pair => pair.First,
            pair => pair.Second.Keywords.ToDictionary(
                k => k.Key,
                k => k.Value.Where(w => !string.IsNullOrWhiteSpace(w)).Select(Normalise).ToArray(),
                StringComparer.OrdinalIgnoreCase));
        redirects = policy.Departments
            .Where(d => d.Value.Redirect.Count > 0)
            .ToDictionary(d => d.Key, d => new Localised(d.Value.Redirect, policy.DefaultLanguage), StringComparer.OrdinalIgnoreCase);
        CommunityUrl = policy.NoAnswer.CommunityUrl;
        NoAnswerDepartment = routing.FindDepartment(policy.NoAnswer.Department)!;
        noAnswerSubject = new Localised(policy.NoAnswer.Subject, policy.DefaultLanguage);
    }

    public IReadOnlyList<Topic> Topics { get; }

    public string CommunityUrl { get; }

    public Department NoAnswerDepartment { get; }

    public Topic? FindTopic(string key) => topicsByKey.GetValueOrDefault(key);

    public Topic? RecogniseTopic(string text, string? language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalised = Normalise(text);
        var first = texts.ResolveLanguage(language);
        foreach (var pass in texts.Languages.OrderByDescending(l => l == first))
        {
            var found = recognitionOrder.FirstOrDefault(t =>
                keywords[t].TryGetValue(pass, out var words) && words.Any(w => StartsWordIn(normalised, w)));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    public TopicRedirect? RedirectFor(Topic topic, string? language)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.RedirectTo is not { } department)
        {
            return null;
        }

        var resolved = texts.ResolveLanguage(language);
        var message = PolicyTemplate.Fill(
            redirects[department.Key].In(resolved),
            ("topic", topic.Label.In(resolved)),
            ("department", department.Label.In(resolved)),
            ("email", department.Email ?? string.Empty));
        return new TopicRedirect(topic, department, department.Email, message);
    }

    public string NoAnswerSubject(string? language) => noAnswerSubject.In(texts.ResolveLanguage(language));

    public string NoAnswerMessage(string? language) =>
        PolicyTemplate.Fill(
            texts.InLanguage(language).NoAnswer,
            ("community", CommunityUrl),
            ("email", NoAnswerDepartment.Email ?? string.Empty),
            ("subject", NoAnswerSubject(language)));

    /// <summary>Lower case, <c>ё</c> read as <c>е</c>, so that matching ignores case and the optional diaeresis.</summary>
    private static string Normalise(string text) => text.Trim().ToLowerInvariant().Replace('ё', 'е');

    private static bool StartsWordIn(string text, string keyword)
    {
        for (var index = text.IndexOf(keyword, StringComparison.Ordinal); index >= 0; index = text.IndexOf(keyword, index + 1, StringComparison.Ordinal))
        {
            if (index == 0 || !char.IsLetterOrDigit(text[index - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
