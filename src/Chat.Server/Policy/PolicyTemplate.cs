using System.Text.RegularExpressions;

namespace Chat.Server.Policy;

/// <summary>Fills the <c>{name}</c> and <c>{name:form}</c> placeholders of a configured text.</summary>
public static partial class PolicyTemplate
{
    /// <summary>The text with each <c>{name}</c> replaced by its value; other braces stay as written.</summary>
    public static string Fill(string template, params ReadOnlySpan<(string Name, string Value)> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        var text = template;
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// The text with each placeholder named in <paramref name="dates"/> written by <paramref name="write"/>, which gets the
    /// instant and the placeholder's form (<c>genitive</c> of <c>{due:genitive}</c>; null for <c>{due}</c>).
    /// </summary>
    public static string FillDates(string template, Func<DateTimeOffset, string?, string> write, params (string Name, DateTimeOffset At)[] dates)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(write);
        return PlaceholderPattern().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            var form = match.Groups[2].Success ? match.Groups[2].Value : null;
            return dates.FirstOrDefault(d => d.Name == name) is { Name: not null } date ? write(date.At, form) : match.Value;
        });
    }

    /// <summary>The placeholder names a text uses.</summary>
    public static IEnumerable<string> Placeholders(string template) =>
        PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value);

    /// <summary>The forms the text's placeholders ask for (<c>genitive</c> of <c>{due:genitive}</c>).</summary>
    public static IEnumerable<string> Forms(string template) =>
        PlaceholderPattern().Matches(template).Where(m => m.Groups[2].Success).Select(m => m.Groups[2].Value);

    [GeneratedRegex(@"\{([A-Za-z]+)(?::([A-Za-z]+))?\}")]
    private static partial Regex PlaceholderPattern();
}
