using Chat.Contracts;
using Chat.Server.Policy;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.SavedAnswers;

/// <summary>The ready answers in a language (the policy's default unless it has texts in the one asked for), each text ending with its links, one per line.</summary>
public sealed record GetSavedAnswers(string? Language) : IQuery<IReadOnlyList<SavedAnswer>>;

public sealed class GetSavedAnswersHandler(IOptionsMonitor<SavedAnswerOptions> options, IVisitorTexts texts) : IQueryHandler<GetSavedAnswers, IReadOnlyList<SavedAnswer>>
{
    public ValueTask<IReadOnlyList<SavedAnswer>> Handle(GetSavedAnswers query, CancellationToken cancellationToken)
    {
        var language = texts.ResolveLanguage(query.Language);
        IReadOnlyList<SavedAnswer> answers = [.. options.CurrentValue.Items.Select(item =>
        {
            var links = item.Links.Where(l => IsWebLink(l.Url)).Select(l => $"{Pick(l.Title, language)}: {l.Url}");
            var text = string.Join('\n', new[] { Pick(item.Text, language) }.Concat(links).Where(t => t.Length > 0));
            return new SavedAnswer(item.Id, item.Shortcut, Pick(item.Title, language), text);
        })];
        return ValueTask.FromResult(answers);
    }

    private string Pick(Dictionary<string, string> byLanguage, string language) =>
        byLanguage.TryGetValue(language, out var text) ? text : byLanguage.GetValueOrDefault(texts.DefaultLanguage, string.Empty);

    /// <summary>Only http and https links are offered: nothing a click could run.</summary>
    public static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
