using System.Globalization;
using Chat.Contracts;
using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

/// <summary>The visitor texts of validated <see cref="PolicyOptions"/>, with the office calendar for the times they name.</summary>
public sealed class VisitorTexts : IVisitorTexts
{
    private readonly Dictionary<string, VisitorTextOptions> texts;
    private readonly IOfficeCalendar calendar;

    public VisitorTexts(IOptions<PolicyOptions> options, IOfficeCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(options);
        texts = options.Value.Texts;
        Languages = [.. options.Value.Languages];
        DefaultLanguage = options.Value.DefaultLanguage;
        this.calendar = calendar;
    }

    public IReadOnlyList<string> Languages { get; }

    public string DefaultLanguage { get; }

    public string ResolveLanguage(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return DefaultLanguage;
        }

        var primary = requested.Trim().Split('-', '_')[0];
        return Languages.FirstOrDefault(l => string.Equals(l, primary, StringComparison.OrdinalIgnoreCase)) ?? DefaultLanguage;
    }

    public VisitorTextOptions InLanguage(string? language) => texts[ResolveLanguage(language)];

    public string OfflineNotice(DateTimeOffset at, string? language) =>
        FillDates(
            PolicyTemplate.Fill(
                InLanguage(language).Offline,
                ("open", calendar.OfficeHours.Start.ToString("HH:mm", CultureInfo.InvariantCulture)),
                ("close", calendar.OfficeHours.End.ToString("HH:mm", CultureInfo.InvariantCulture))),
            language,
            ("nextOpen", calendar.NextOpening(at)));

    public string LongerWorkNotice(DateTimeOffset due, string? language) => FillDates(InLanguage(language).LongerWork, language, ("due", due));

    public string HandoffNotice(IReadOnlyList<ContactMethod> contactBy, string? language)
    {
        ArgumentNullException.ThrowIfNull(contactBy);
        var inLanguage = InLanguage(language);
        var byPhone = contactBy.Contains(ContactMethod.Phone);
        var byEmail = contactBy.Contains(ContactMethod.Email);
        return byPhone && byEmail ? inLanguage.HandoffByPhoneOrEmail : byPhone ? inLanguage.HandoffByPhone : inLanguage.HandoffByEmail;
    }

    public string FillDates(string text, string? language, params (string Name, DateTimeOffset At)[] dates)
    {
        var resolved = ResolveLanguage(language);
        var culture = Culture(resolved);
        return PolicyTemplate.FillDates(text, (at, form) => DateWording.Write(TimeZoneInfo.ConvertTime(at, calendar.TimeZone), form, texts[resolved], culture), dates);
    }

    private static CultureInfo Culture(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
