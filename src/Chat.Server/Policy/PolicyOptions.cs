using Chat.Contracts;

namespace Chat.Server.Policy;

/// <summary>
/// Settings of <c>Chat:Policy</c>: the consultation regulation as configuration. The defaults are the
/// company's regulation and live in appsettings.json; <see cref="PolicyOptionsValidator"/> checks them at start-up.
/// </summary>
public sealed class PolicyOptions
{
    public const string Section = "Chat:Policy";

    /// <summary>The languages the texts and labels are written in; every label and text set must cover each.</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>The language used when the visitor asks for none or for one not in <see cref="Languages"/>.</summary>
    public string DefaultLanguage { get; set; } = string.Empty;

    /// <summary>Head-office hours, working days and holidays (R4).</summary>
    public HoursOptions Hours { get; set; } = new();

    /// <summary>The departments by key (<c>sales</c>, <c>support</c>…).</summary>
    public Dictionary<string, DepartmentOptions> Departments { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The shared mailbox handled in office hours (R3, R4).</summary>
    public string SharedMailbox { get; set; } = string.Empty;

    /// <summary>The tariffs by key, who consults each and through which channels (R1, R2, R5, R6).</summary>
    public Dictionary<string, TariffOptions> Tariffs { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The consultation topics, in the order the widget lists them (R8).</summary>
    public List<TopicOptions> Topics { get; set; } = [];

    /// <summary>Where a visitor who found no answer is pointed (R11).</summary>
    public NoAnswerOptions NoAnswer { get; set; } = new();

    /// <summary>When a company is recommended the training department (R9).</summary>
    public TrainingReferralOptions TrainingReferral { get; set; } = new();

    /// <summary>What the visitor is told, by language.</summary>
    public Dictionary<string, VisitorTextOptions> Texts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long browsers and proxies may cache the public policy, in seconds.</summary>
    public int PublicCacheSeconds { get; set; }
}

/// <summary>Settings of <c>Chat:Policy:Hours</c>. Times are wall-clock times in <see cref="TimeZone"/>.</summary>
public sealed class HoursOptions
{
    /// <summary>An IANA time zone id such as <c>Europe/Moscow</c>.</summary>
    public string TimeZone { get; set; } = string.Empty;

    /// <summary>When the head office opens (inclusive).</summary>
    public TimeOnly Open { get; set; }

    /// <summary>When the head office closes (exclusive).</summary>
    public TimeOnly Close { get; set; }

    /// <summary>The days of the week the office works.</summary>
    public List<DayOfWeek> WorkingDays { get; set; } = [];

    /// <summary>Dates the office is closed although they fall on a working day.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Dates the office works although they fall on a day off (a moved working day).</summary>
    public List<DateOnly> ExtraWorkingDays { get; set; } = [];
}

/// <summary>A department: its labels, its address and what a visitor is told when a topic is sent there.</summary>
public sealed class DepartmentOptions
{
    /// <summary>The name by language.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The department's e-mail address, if clients may write to it.</summary>
    public string? Email { get; set; }

    /// <summary>
    /// By language, the answer to a topic redirected to this department; required when a topic is.
    /// Placeholders: <c>{topic}</c>, <c>{department}</c>, <c>{email}</c>.
    /// </summary>
    public Dictionary<string, string> Redirect { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Who consults a tariff's clients by default.</summary>
public enum ConsultantKind
{
    /// <summary>Any specialist of a department (the call centre).</summary>
    Pool,

    /// <summary>The manager the account is assigned to.</summary>
    PersonalManager,
}

/// <summary>A tariff: who consults its clients, the channels they may use and how a manager contacts them.</summary>
public sealed class TariffOptions
{
    /// <summary>The name by language.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Who consults by default; an account with a dedicated manager is always consulted by that manager.</summary>
    public ConsultantKind? Consultant { get; set; }

    /// <summary>The department whose pool answers when <see cref="Consultant"/> is a pool, or stands in when the personal manager is missing.</summary>
    public string Pool { get; set; } = string.Empty;

    /// <summary>The channels the tariff's clients may use.</summary>
    public List<ContactChannel> Channels { get; set; } = [];

    /// <summary>How the manager contacts the client after a handoff; each needs its channel in <see cref="Channels"/>.</summary>
    public List<ContactMethod> ContactBy { get; set; } = [];
}

/// <summary>A consultation topic and its route.</summary>
public sealed class TopicOptions
{
    /// <summary>The stable key (<c>prices</c>, <c>api</c>…).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The name by language.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// By language, words that recognise the topic in free text. A keyword matches at the start of a word,
    /// case-insensitively, so a stem (<c>интеграц</c>) matches every form of the word.
    /// </summary>
    public Dictionary<string, List<string>> Keywords { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The department the topic is sent to instead of the managers; empty when the managers answer it.</summary>
    public string? RedirectTo { get; set; }
}

/// <summary>Settings of <c>Chat:Policy:NoAnswer</c> (R11).</summary>
public sealed class NoAnswerOptions
{
    /// <summary>The department to write to; it must have an e-mail address.</summary>
    public string Department { get; set; } = string.Empty;

    /// <summary>The users' community channel.</summary>
    public string CommunityUrl { get; set; } = string.Empty;

    /// <summary>The subject of the e-mail, by language.</summary>
    public Dictionary<string, string> Subject { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Settings of <c>Chat:Policy:TrainingReferral</c> (R9): both thresholds must be exceeded within one week.</summary>
public sealed class TrainingReferralOptions
{
    /// <summary>A company is referred when it made more requests than this in a week…</summary>
    public int? RequestsAbove { get; set; }

    /// <summary>…and its consultations (preparation included) took more minutes than this.</summary>
    public int? MinutesAbove { get; set; }

    /// <summary>The first day of the counting week, in the policy's time zone.</summary>
    public DayOfWeek? WeekStartsOn { get; set; }

    /// <summary>The department the company is referred to.</summary>
    public string Department { get; set; } = string.Empty;
}

/// <summary>What the visitor is told at each step, in one language.</summary>
public sealed class VisitorTextOptions
{
    /// <summary>The first message of the chat.</summary>
    public string Greeting { get; set; } = string.Empty;

    /// <summary>"Are you already a client?"</summary>
    public string AskIfClient { get; set; } = string.Empty;

    /// <summary>The request for the account's name or id and a contact (R6).</summary>
    public string AskAccount { get; set; } = string.Empty;

    /// <summary>The handoff confirmation when the manager will answer by e-mail.</summary>
    public string HandoffByEmail { get; set; } = string.Empty;

    /// <summary>The handoff confirmation when the manager will call.</summary>
    public string HandoffByPhone { get; set; } = string.Empty;

    /// <summary>The handoff confirmation when the manager will call or write.</summary>
    public string HandoffByPhoneOrEmail { get; set; } = string.Empty;

    /// <summary>Shown outside office hours. Placeholders: <c>{open}</c>, <c>{close}</c>, <c>{nextOpen}</c> (a date: see <see cref="DayNames"/>).</summary>
    public string Offline { get; set; } = string.Empty;

    /// <summary>The "this needs longer work" notice (R7). Placeholder: <c>{due}</c>.</summary>
    public string LongerWork { get; set; } = string.Empty;

    /// <summary>The answer for a visitor who found none (R11). Placeholders: <c>{community}</c>, <c>{email}</c>, <c>{subject}</c>.</summary>
    public string NoAnswer { get; set; } = string.Empty;

    /// <summary>How the policy's time zone is named beside a time, as in the texts ("по московскому времени").</summary>
    public string TimeZone { get; set; } = string.Empty;

    /// <summary>The notice that an agent passed the conversation to a colleague. Placeholder: <c>{name}</c>.</summary>
    public string TransferredToColleague { get; set; } = string.Empty;

    /// <summary>The notice that an agent passed the conversation to a department. Placeholder: <c>{department}</c>.</summary>
    public string TransferredToDepartment { get; set; } = string.Empty;

    /// <summary>The notice that an agent closed the conversation.</summary>
    public string ConversationClosed { get; set; } = string.Empty;

    /// <summary>
    /// The line added to a client's mail for its manager when some of its files were not kept (not an image or PDF, too
    /// large, too many). Placeholder: <c>{files}</c>, their names.
    /// </summary>
    public string AttachmentsRefused { get; set; } = string.Empty;

    /// <summary>The .NET format of dates and times in the texts, such as <c>dddd, d MMMM, HH:mm</c>.</summary>
    public string DateTimeFormat { get; set; } = string.Empty;

    /// <summary>
    /// By form, the day names that stand for <c>dddd</c> of <see cref="DateTimeFormat"/> in a date placeholder that asks for it:
    /// <c>{due:genitive}</c> ("до четверга"), <c>{nextOpen:on}</c> ("во вторник"). The form <c>time</c> is always there (<c>HH:mm</c>).
    /// </summary>
    public Dictionary<string, Dictionary<DayOfWeek, string>> DayNames { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
