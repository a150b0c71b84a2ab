using System.Net.Mail;
using Chat.Contracts;
using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

/// <summary>
/// Checks <see cref="PolicyOptions"/> at start-up. Each failure names the setting
/// (<c>Chat:Policy:Hours:Open</c>) so that a broken policy stops the server with a message that says what to fix.
/// </summary>
public sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    private const string Root = PolicyOptions.Section;

    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var languages = ValidateLanguages(options, failures);
        ValidateHours(options.Hours, failures);
        ValidateDepartments(options, languages, failures);
        RequireEmail($"{Root}:SharedMailbox", options.SharedMailbox, failures);
        ValidateTariffs(options, languages, failures);
        ValidateTopics(options, languages, failures);
        ValidateNoAnswer(options, languages, failures);
        ValidateReferral(options, failures);
        ValidateTexts(options, languages, failures);
        if (options.PublicCacheSeconds < 0)
        {
            failures.Add($"{Root}:PublicCacheSeconds: must not be negative (it is {options.PublicCacheSeconds})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static List<string> ValidateLanguages(PolicyOptions options, List<string> failures)
    {
        var languages = options.Languages.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (languages.Count == 0)
        {
            failures.Add($"{Root}:Languages: name at least one language, such as \"ru\"");
        }

        if (languages.Count != languages.Distinct(StringComparer.OrdinalIgnoreCase).Count())
        {
            failures.Add($"{Root}:Languages: a language is listed twice");
        }

        if (!languages.Contains(options.DefaultLanguage, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{Root}:DefaultLanguage: \"{options.DefaultLanguage}\" is not one of {Root}:Languages ({string.Join(", ", languages)})");
        }

        return languages;
    }

    private static void ValidateHours(HoursOptions hours, List<string> failures)
    {
        const string path = $"{Root}:Hours";
        if (string.IsNullOrWhiteSpace(hours.TimeZone))
        {
            failures.Add($"{path}:TimeZone: name a time zone, such as \"Europe/Moscow\"");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out _))
        {
            failures.Add($"{path}:TimeZone: \"{hours.TimeZone}\" is not a known time zone (use an IANA id such as \"Europe/Moscow\")");
        }

        if (hours.Open >= hours.Close)
        {
            failures.Add($"{path}:Open: the office must open before it closes ({path}:Open {hours.Open:HH\\:mm}, {path}:Close {hours.Close:HH\\:mm})");
        }

        if (hours.WorkingDays.Count == 0)
        {
            failures.Add($"{path}:WorkingDays: name at least one working day, such as \"Monday\"");
        }

        foreach (var date in hours.Holidays.Intersect(hours.ExtraWorkingDays))
        {
            failures.Add($"{path}:ExtraWorkingDays: {date:yyyy-MM-dd} is also listed in {path}:Holidays");
        }
    }

    private static void ValidateDepartments(PolicyOptions options, List<string> languages, List<string> failures)
    {
        if (options.Departments.Count == 0)
        {
            failures.Add($"{Root}:Departments: configure at least one department");
        }

        foreach (var (key, department) in options.Departments)
        {
            var path = $"{Root}:Departments:{key}";
            RequireTexts($"{path}:Labels", department.Labels, languages, failures);
            if (!string.IsNullOrWhiteSpace(department.Email))
            {
                RequireEmail($"{path}:Email", department.Email, failures);
            }

            if (department.Redirect.Count > 0)
            {
                RequireTexts($"{path}:Redirect", department.Redirect, languages, failures);
                RequirePlaceholders($"{path}:Redirect", department.Redirect, ["topic", "department", "email"], failures);
                if (department.Redirect.Values.Any(t => t.Contains("{email}", StringComparison.Ordinal)) && string.IsNullOrWhiteSpace(department.Email))
                {
                    failures.Add($"{path}:Email: the redirect message names {{email}} but the department has no address");
                }
            }
        }
    }

    private static void ValidateTariffs(PolicyOptions options, List<string> languages, List<string> failures)
    {
        if (options.Tariffs.Count == 0)
        {
            failures.Add($"{Root}:Tariffs: configure at least one tariff");
        }

        foreach (var (key, tariff) in options.Tariffs)
        {
            var path = $"{Root}:Tariffs:{key}";
            RequireTexts($"{path}:Labels", tariff.Labels, languages, failures);
            if (tariff.Consultant is null)
            {
                failures.Add($"{path}:Consultant: say who consults the tariff: \"{ConsultantKind.Pool}\" or \"{ConsultantKind.PersonalManager}\"");
            }

            RequireDepartment($"{path}:Pool", tariff.Pool, options, failures);
            if (!tariff.Channels.Contains(ContactChannel.Chat))
            {
                failures.Add($"{path}:Channels: the chat must be one of the tariff's channels");
            }

            if (tariff.Channels.Contains(ContactChannel.CallBack) && !tariff.Channels.Contains(ContactChannel.Phone))
            {
                failures.Add($"{path}:Channels: \"{ContactChannel.CallBack}\" needs the \"{ContactChannel.Phone}\" channel");
            }

            if (tariff.ContactBy.Count == 0)
            {
                failures.Add($"{path}:ContactBy: say how a manager contacts the client (\"{ContactMethod.Email}\", \"{ContactMethod.Phone}\")");
            }

            foreach (var method in tariff.ContactBy.Where(m => !tariff.Channels.Contains(ChannelOf(m))))
            {
                failures.Add($"{path}:ContactBy: \"{method}\" needs the \"{ChannelOf(method)}\" channel in {path}:Channels");
            }
        }
    }

    private static void ValidateTopics(PolicyOptions options, List<string> languages, List<string> failures)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < options.Topics.Count; index++)
        {
            var topic = options.Topics[index];
            var path = $"{Root}:Topics:{index}";
            if (string.IsNullOrWhiteSpace(topic.Key))
            {
                failures.Add($"{path}:Key: every topic needs a key");
            }
            else if (!seen.Add(topic.Key))
            {
                failures.Add($"{path}:Key: \"{topic.Key}\" is used by another topic");
            }

            RequireTexts($"{path}:Labels", topic.Labels, languages, failures);
            foreach (var (language, words) in topic.Keywords)
            {
                if (!languages.Contains(language, StringComparer.OrdinalIgnoreCase))
                {
                    failures.Add($"{path}:Keywords:{language}: \"{language}\" is not one of {Root}:Languages");
                }

                for (var word = 0; word < words.Count; word++)
                {
                    if (string.IsNullOrWhiteSpace(words[word]))
                    {
                        failures.Add($"{path}:Keywords:{language}:{word}: a keyword is empty");
                    }
                }
            }

            if (string.IsNullOrWhiteSpace(topic.RedirectTo))
            {
                continue;
            }

            if (!options.Departments.TryGetValue(topic.RedirectTo, out var department))
            {
                failures.Add($"{path}:RedirectTo: the department \"{topic.RedirectTo}\" does not exist in {Root}:Departments");
            }
            else if (department.Redirect.Count == 0)
            {
                failures.Add($"{path}:RedirectTo: the department \"{topic.RedirectTo}\" has no {Root}:Departments:{topic.RedirectTo}:Redirect message");
            }
        }
    }

    private static void ValidateNoAnswer(PolicyOptions options, List<string> languages, List<string> failures)
    {
        const string path = $"{Root}:NoAnswer";
        if (RequireDepartment($"{path}:Department", options.NoAnswer.Department, options, failures) is { } department
            && string.IsNullOrWhiteSpace(department.Email))
        {
            failures.Add($"{path}:Department: the department \"{options.NoAnswer.Department}\" has no e-mail address");
        }

        if (!Uri.TryCreate(options.NoAnswer.CommunityUrl, UriKind.Absolute, out _))
        {
            failures.Add($"{path}:CommunityUrl: \"{options.NoAnswer.CommunityUrl}\" is not an absolute address");
        }

        RequireTexts($"{path}:Subject", options.NoAnswer.Subject, languages, failures);
    }

    private static void ValidateReferral(PolicyOptions options, List<string> failures)
    {
        const string path = $"{Root}:TrainingReferral";
        var referral = options.TrainingReferral;
        RequireThreshold($"{path}:RequestsAbove", referral.RequestsAbove, failures);
        RequireThreshold($"{path}:MinutesAbove", referral.MinutesAbove, failures);
        if (referral.WeekStartsOn is null)
        {
            failures.Add($"{path}:WeekStartsOn: name the first day of the week, such as \"Monday\"");
        }

        RequireDepartment($"{path}:Department", referral.Department, options, failures);
    }

    private static void ValidateTexts(PolicyOptions options, List<string> languages, List<string> failures)
    {
        foreach (var language in languages)
        {
            var path = $"{Root}:Texts:{language}";
            if (!options.Texts.TryGetValue(language, out var texts))
            {
                failures.Add($"{path}: the visitor texts in \"{language}\" are missing");
                continue;
            }

            foreach (var (name, text, allowed) in TextsOf(texts))
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    failures.Add($"{path}:{name}: the text is missing");
                    continue;
                }

                foreach (var unknown in PolicyTemplate.Placeholders(text).Where(p => !allowed.Contains(p)).Distinct())
                {
                    failures.Add($"{path}:{name}: unknown placeholder {{{unknown}}}" + (allowed.Length == 0 ? " (it takes none)" : $" (it takes {string.Join(", ", allowed.Select(a => "{" + a + "}"))})"));
                }

                foreach (var form in PolicyTemplate.Forms(text).Where(f => !DateWording.Knows(texts, f)).Distinct())
                {
                    failures.Add($"{path}:{name}: the form \"{form}\" is neither \"{DateWording.TimeForm}\" nor one of {path}:DayNames");
                }
            }

            foreach (var form in texts.DayNames.Where(f => Enum.GetValues<DayOfWeek>().Any(d => string.IsNullOrWhiteSpace(f.Value.GetValueOrDefault(d)))).Select(f => f.Key))
            {
                failures.Add($"{path}:DayNames:{form}: name every day of the week");
            }

            try
            {
                _ = DateTimeOffset.UnixEpoch.ToString(texts.DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                failures.Add($"{path}:DateTimeFormat: \"{texts.DateTimeFormat}\" is not a date and time format");
            }
        }
    }

    private static (string Name, string Text, string[] Placeholders)[] TextsOf(VisitorTextOptions texts) =>
    [
        (nameof(VisitorTextOptions.Greeting), texts.Greeting, []),
        (nameof(VisitorTextOptions.AskIfClient), texts.AskIfClient, []),
        (nameof(VisitorTextOptions.AskAccount), texts.AskAccount, []),
        (nameof(VisitorTextOptions.HandoffByEmail), texts.HandoffByEmail, []),
        (nameof(VisitorTextOptions.HandoffByPhone), texts.HandoffByPhone, []),
        (nameof(VisitorTextOptions.HandoffByPhoneOrEmail), texts.HandoffByPhoneOrEmail, []),
        (nameof(VisitorTextOptions.Offline), texts.Offline, ["open", "close", "nextOpen"]),
        (nameof(VisitorTextOptions.LongerWork), texts.LongerWork, ["due"]),
        (nameof(VisitorTextOptions.NoAnswer), texts.NoAnswer, ["community", "email", "subject"]),
        (nameof(VisitorTextOptions.TimeZone), texts.TimeZone, []),
        (nameof(VisitorTextOptions.TransferredToColleague), texts.TransferredToColleague, ["name"]),
        (nameof(VisitorTextOptions.TransferredToDepartment), texts.TransferredToDepartment, ["department"]),
        (nameof(VisitorTextOptions.ConversationClosed), texts.ConversationClosed, []),
        (nameof(VisitorTextOptions.AttachmentsRefused), texts.AttachmentsRefused, ["files"]),
        (nameof(VisitorTextOptions.DateTimeFormat), texts.DateTimeFormat, []),
    ];

    private static ContactChannel ChannelOf(ContactMethod method) => method switch
    {
        ContactMethod.Phone => ContactChannel.Phone,
        _ => ContactChannel.Email,
    };

    private static DepartmentOptions? RequireDepartment(string path, string key, PolicyOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            failures.Add($"{path}: name a department of {Root}:Departments");
            return null;
        }

        if (!options.Departments.TryGetValue(key, out var department))
        {
            failures.Add($"{path}: the department \"{key}\" does not exist in {Root}:Departments");
            return null;
        }

        return department;
    }

    private static void RequireThreshold(string path, int? value, List<string> failures)
    {
        if (value is null)
        {
            failures.Add($"{path}: the threshold is missing");
        }
        else if (value < 0)
        {
            failures.Add($"{path}: the threshold must not be negative (it is {value})");
        }
    }

    private static void RequireTexts(string path, Dictionary<string, string> texts, List<string> languages, List<string> failures)
    {
        foreach (var language in languages.Where(l => !texts.TryGetValue(l, out var text) || string.IsNullOrWhiteSpace(text)))
        {
            failures.Add($"{path}:{language}: the text in \"{language}\" is missing");
        }

        foreach (var language in texts.Keys.Where(l => !languages.Contains(l, StringComparer.OrdinalIgnoreCase)))
        {
            failures.Add($"{path}:{language}: \"{language}\" is not one of {Root}:Languages");
        }
    }

    private static void RequirePlaceholders(string path, Dictionary<string, string> texts, string[] allowed, List<string> failures)
    {
        foreach (var (language, text) in texts)
        {
            foreach (var unknown in PolicyTemplate.Placeholders(text).Where(p => !allowed.Contains(p)).Distinct())
            {
                failures.Add($"{path}:{language}: unknown placeholder {{{unknown}}} (it takes {string.Join(", ", allowed.Select(a => "{" + a + "}"))})");
            }
        }
    }

    private static void RequireEmail(string path, string? address, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(address) || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address.Trim())
        {
            failures.Add($"{path}: \"{address}\" is not an e-mail address");
        }
    }
}
