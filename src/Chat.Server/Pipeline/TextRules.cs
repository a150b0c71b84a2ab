using Chat.Contracts;
using FluentValidation;

namespace Chat.Server.Pipeline;

/// <summary>
/// One rule for the characters of every text a person writes (messages, the offline form, notes, form fields): control
/// characters other than tab and line breaks, and the bidirectional embedding, override and isolate controls
/// (U+202A–U+202E, U+2066–U+2069), are refused as <c>invalid_characters</c>. They are invisible, and an override can make
/// a link or a name read differently from what it is. Right-to-left text itself, and the plain marks U+200E/U+200F, are kept.
/// </summary>
public static class TextRules
{
    /// <summary>True when <paramref name="text"/> holds a character the rule refuses; line breaks count when <paramref name="multiLine"/> is false.</summary>
    public static bool HasInvisibleControls(string? text, bool multiLine = true) =>
        text is not null && text.Any(ch => IsInvisibleControl(ch, multiLine));

    public static bool IsInvisibleControl(char ch, bool multiLine) =>
        ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' || (char.IsControl(ch) && !(multiLine && ch is '\t' or '\n' or '\r'));

    /// <summary>
    /// The text without the characters the rule refuses, trimmed, for what the server takes in rather than refuses (a
    /// visitor's name, a mail's subject or body); one line unless <paramref name="multiLine"/>, a line break or tab becoming a space.
    /// </summary>
    public static string Clean(string text, bool multiLine) =>
        new string([.. text.Select(ch => !multiLine && ch is '\r' or '\n' or '\t' ? ' ' : ch).Where(ch => !IsInvisibleControl(ch, multiLine))]).Trim();

    /// <summary>Refuses the characters of <see cref="HasInvisibleControls"/> in a multi-line text.</summary>
    public static IRuleBuilderOptions<T, string?> PlainText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(t => !HasInvisibleControls(t)).WithErrorCode(ErrorCodes.InvalidCharacters)
            .WithMessage("The text holds control characters or bidirectional overrides.");
}
