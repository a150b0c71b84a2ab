using System.Text.RegularExpressions;

namespace Chat.Server.Policy;

/// <summary>Fills the <c>{name}</c> placeholders of a configured text.</summary>
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

    /// <summary>The placeholder names a text uses.</summary>
    public static IEnumerable<string> Placeholders(string template) =>
        PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();
}
