using System.Globalization;

namespace Chat.Server.Policy;

/// <summary>
/// Writes an instant as the policy's texts name times, in the grammatical form a placeholder asks for: <c>{due}</c> in
/// <see cref="VisitorTextOptions.DateTimeFormat"/> ("четверг, 3 декабря, 19:00"), <c>{due:genitive}</c> with the day named as
/// <see cref="VisitorTextOptions.DayNames"/> give it for that form ("четверга, 3 декабря, 19:00"), <c>{due:time}</c> as <c>HH:mm</c>.
/// Month names follow the language's culture, whose day-and-month pattern already puts them in the genitive.
/// </summary>
public static class DateWording
{
    public const string TimeForm = "time";

    /// <summary>Whether <paramref name="texts"/> can write a date in <paramref name="form"/>.</summary>
    public static bool Knows(VisitorTextOptions texts, string form)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return string.Equals(form, TimeForm, StringComparison.OrdinalIgnoreCase) || texts.DayNames.ContainsKey(form);
    }

    /// <summary><paramref name="local"/>, a wall-clock time of the policy's zone, written in <paramref name="form"/> (null: as the format says).</summary>
    public static string Write(DateTimeOffset local, string? form, VisitorTextOptions texts, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (string.Equals(form, TimeForm, StringComparison.OrdinalIgnoreCase))
        {
            return local.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        var format = form is not null && texts.DayNames.TryGetValue(form, out var days)
            ? texts.DateTimeFormat.Replace("dddd", Literal(days[local.DayOfWeek]), StringComparison.Ordinal)
            : texts.DateTimeFormat;
        return local.ToString(format, culture);
    }

    /// <summary>A text as a quoted literal of a .NET date format.</summary>
    private static string Literal(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
