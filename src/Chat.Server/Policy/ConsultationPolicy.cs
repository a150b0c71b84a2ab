using System.Globalization;
using Chat.Contracts;
using Chat.Server.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

/// <summary>The regulation compiled from validated <see cref="PolicyOptions"/>; immutable and thread-safe.</summary>
public sealed class ConsultationPolicy : IConsultationPolicy
{
    private readonly PolicyOptions options;
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> extraWorkingDays;
    private readonly Dictionary<string, Department> departments;
    private readonly Dictionary<string, Tariff> tariffs;
    private readonly Dictionary<string, Topic> topicsByKey;
    private readonly Dictionary<Topic, Dictionary<string, string[]>> keywords;

    /// <summary>The topics in the order recognition tries them: the redirected ones first, then the configured order.</summary>
    private readonly Topic[] recognitionOrder;
    private readonly Dictionary<string, Localised> redirects;
    private readonly Localised noAnswerSubject;
    private readonly int requestsAbove;
    private readonly int minutesAbove;
    private readonly DayOfWeek weekStartsOn;

    public ConsultationPolicy(IOptions<PolicyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        var hours = this.options.Hours;
        DefaultLanguage = this.options.DefaultLanguage;
        Languages = [.. this.options.Languages];
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        OfficeHours = new WorkingHours(hours.Open, hours.Close);
        WorkingDays = [.. hours.WorkingDays.Distinct()];
        holidays = [.. hours.Holidays];
        extraWorkingDays = [.. hours.ExtraWorkingDays];
        SharedMailbox = this.options.SharedMailbox;
        CommunityUrl = this.options.NoAnswer.CommunityUrl;

        departments = this.options.Departments.ToDictionary(
            d => d.Key,
            d => new Department(d.Key, Localise(d.Value.Labels), Blank(d.Value.Email)),
            StringComparer.OrdinalIgnoreCase);
        Departments = [.. departments.Values];
        redirects = this.options.Departments
            .Where(d => d.Value.Redirect.Count > 0)
            .ToDictionary(d => d.Key, d => Localise(d.Value.Redirect), StringComparer.OrdinalIgnoreCase);

        tariffs = this.options.Tariffs.ToDictionary(
            t => t.Key,
            t => new Tariff(
                t.Key,
                Localise(t.Value.Labels),
                t.Value.Consultant!.Value,
                departments[t.Value.Pool],
                [.. t.Value.Channels.Distinct()],
                [.. t.Value.ContactBy.Distinct()]),
            StringComparer.OrdinalIgnoreCase);
        Tariffs = [.. tariffs.Values];

        Topics = [.. this.options.Topics.Select(t => new Topic(
            t.Key,
            Localise(t.Labels),
            Blank(t.RedirectTo) is { } department ? departments[department] : null))];
        topicsByKey = Topics.ToDictionary(t => t.Key, StringComparer.OrdinalIgnoreCase);
        recognitionOrder = [.. Topics.OrderByDescending(t => t.IsRedirected)];
        keywords = Topics.Zip(this.options.Topics).ToDictionary(
            pair => pair.First,
            pair => pair.Second.Keywords.ToDictionary(
                k => k.Key,
                k => k.Value.Where(w => !string.IsNullOrWhiteSpace(w)).Select(Normalise).ToArray(),
                StringComparer.OrdinalIgnoreCase));

        var referral = this.options.TrainingReferral;
        requestsAbove = referral.RequestsAbove!.Value;
        minutesAbove = referral.MinutesAbove!.Value;
        weekStartsOn = referral.WeekStartsOn!.Value;
        TrainingDepartment = departments[referral.Department];
        NoAnswerDepartment = departments[this.options.NoAnswer.Department];
        noAnswerSubject = Localise(this.options.NoAnswer.Subject);
    }

    public IReadOnlyList<string> Languages { get; }

    public string DefaultLanguage { get; }

    public TimeZoneInfo TimeZone { get; }

    public WorkingHours OfficeHours { get; }

    public IReadOnlyList<DayOfWeek> WorkingDays { get; }

    public IReadOnlyList<Department> Departments { get; }

    public string SharedMailbox { get; }

    public IReadOnlyList<Tariff> Tariffs { get; }

    public IReadOnlyList<Topic> Topics { get; }

    public Department TrainingDepartment { get; }

    public string CommunityUrl { get; }

    public Department NoAnswerDepartment { get; }

    public string ResolveLanguage(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return DefaultLanguage;
        }

        var primary = requested.Trim().Split('-', '_')[0];
        return Languages.FirstOrDefault(l => string.Equals(l, primary, StringComparison.OrdinalIgnoreCase)) ?? DefaultLanguage;
    }

    public VisitorTexts Texts(string? language) => options.Texts[ResolveLanguage(language)];

    public bool IsWorkingDay(DateOnly day) =>
        extraWorkingDays.Contains(day) || (!holidays.Contains(day) && WorkingDays.Contains(day.DayOfWeek));

    public OfficeStatus OfficeStatus(DateTimeOffset at)
    {
        var (date, time) = Local(at);
        var reason =
            extraWorkingDays.Contains(date) ? Reason(time) :
            holidays.Contains(date) ? OfficeReason.Holiday :
            !WorkingDays.Contains(date.DayOfWeek) ? OfficeReason.ClosedDay :
            Reason(time);
        return reason == OfficeReason.Open
            ? new OfficeStatus(true, reason, null)
            : new OfficeStatus(false, reason, NextOpening(at));

        OfficeReason Reason(TimeOnly time) => OfficeHours.Contains(time) ? OfficeReason.Open : OfficeReason.ClosedHours;
    }

    public bool IsOfficeOpen(DateTimeOffset at) => IsOnShift(OfficeHours, at);

    public DateTimeOffset NextOpening(DateTimeOffset at)
    {
        if (IsOfficeOpen(at))
        {
            return at;
        }

        var (date, time) = Local(at);
        var day = IsWorkingDay(date) && time < OfficeHours.Start ? date : NextWorkingDay(date);
        return Instant(day, OfficeHours.Start);
    }

    public bool IsOnShift(WorkingHours shift, DateTimeOffset at)
    {
        var (date, time) = Local(at);
        return IsWorkingDay(date) && shift.Contains(time);
    }

    public bool IsOnShift(StaffMember staff, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return staff.IsActive && IsOnShift(WorkingHours.Of(staff), at);
    }

    public Department? FindDepartment(string key) => departments.GetValueOrDefault(key);

    public Tariff? FindTariff(string key) => tariffs.GetValueOrDefault(key);

    public ConsultantRoute RouteFor(Tariff tariff, bool hasPersonalManager)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        return hasPersonalManager
            ? new ConsultantRoute(ConsultantKind.PersonalManager, tariff.Pool, ManagerMissing: false)
            : new ConsultantRoute(ConsultantKind.Pool, tariff.Pool, ManagerMissing: tariff.Consultant == ConsultantKind.PersonalManager);
    }

    public string HandoffNotice(Tariff tariff, string? language)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        var texts = Texts(language);
        var byPhone = tariff.ContactBy.Contains(ContactMethod.Phone);
        var byEmail = tariff.ContactBy.Contains(ContactMethod.Email);
        return byPhone && byEmail ? texts.HandoffByPhoneOrEmail : byPhone ? texts.HandoffByPhone : texts.HandoffByEmail;
    }

    public string OfflineNotice(DateTimeOffset at, string? language) =>
        PolicyTemplate.Fill(
            Texts(language).Offline,
            ("open", OfficeHours.Start.ToString("HH:mm", CultureInfo.InvariantCulture)),
            ("close", OfficeHours.End.ToString("HH:mm", CultureInfo.InvariantCulture)),
            ("nextOpen", FormatLocal(NextOpening(at), language)));

    public Topic? FindTopic(string key) => topicsByKey.GetValueOrDefault(key);

    public Topic? RecogniseTopic(string text, string? language)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalised = Normalise(text);
        var first = ResolveLanguage(language);
        foreach (var pass in Languages.OrderByDescending(l => l == first))
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

        var resolved = ResolveLanguage(language);
        var message = PolicyTemplate.Fill(
            redirects[department.Key].In(resolved),
            ("topic", topic.Label.In(resolved)),
            ("department", department.Label.In(resolved)),
            ("email", department.Email ?? string.Empty));
        return new TopicRedirect(topic, department, department.Email, message);
    }

    public string NoAnswerSubject(string? language) => noAnswerSubject.In(ResolveLanguage(language));

    public string NoAnswerMessage(string? language) =>
        PolicyTemplate.Fill(
            Texts(language).NoAnswer,
            ("community", CommunityUrl),
            ("email", NoAnswerDepartment.Email ?? string.Empty),
            ("subject", NoAnswerSubject(language)));

    public DateTimeOffset DueFor(DateTimeOffset arrivedAt, WorkingHours? responsible = null)
    {
        var hours = responsible ?? OfficeHours;
        var (date, time) = Local(arrivedAt);
        var day = IsWorkingDay(date) && time < hours.End ? date : NextWorkingDay(date);
        return Instant(day, hours.End);
    }

    public string LongerWorkNotice(DateTimeOffset due, string? language) =>
        PolicyTemplate.Fill(Texts(language).LongerWork, ("due", FormatLocal(due, language)));

    public bool ShouldReferToTraining(int requests, double minutes) =>
        requests > requestsAbove && minutes > minutesAbove;

    public PolicyWeek WeekOf(DateTimeOffset at)
    {
        var (date, _) = Local(at);
        var firstDay = date.AddDays(-(((int)date.DayOfWeek - (int)weekStartsOn + 7) % 7));
        return new PolicyWeek(firstDay, Instant(firstDay, TimeOnly.MinValue), Instant(firstDay.AddDays(7), TimeOnly.MinValue));
    }

    public string FormatLocal(DateTimeOffset at, string? language)
    {
        var resolved = ResolveLanguage(language);
        return TimeZoneInfo.ConvertTime(at, TimeZone).ToString(options.Texts[resolved].DateTimeFormat, Culture(resolved));
    }

    /// <summary>Lower case, <c>ё</c> read as <c>е</c>, so that matching ignores case and the optional diaeresis.</summary>
    internal static string Normalise(string text) => text.Trim().ToLowerInvariant().Replace('ё', 'е');

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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Localised Localise(Dictionary<string, string> values) =>
        new(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase), DefaultLanguage);

    private (DateOnly Date, TimeOnly Time) Local(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZone).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    private DateOnly NextWorkingDay(DateOnly date)
    {
        var day = date.AddDays(1);
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The instant of a wall-clock time in the policy's zone; a time skipped by a clock change reads with the standard offset.</summary>
    private DateTimeOffset Instant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }
}
