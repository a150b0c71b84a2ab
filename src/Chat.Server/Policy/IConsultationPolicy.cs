using Chat.Server.Storage;

namespace Chat.Server.Policy;

/// <summary>
/// The one place that answers what the consultation regulation says: hours, routes, channels, topics,
/// due times, the training referral and the visitor texts. Every answer is about a given instant; the caller
/// reads the clock (<see cref="TimeProvider"/>), so the answers can be combined with presence later.
/// </summary>
public interface IConsultationPolicy
{
    /// <summary>The languages texts exist in.</summary>
    IReadOnlyList<string> Languages { get; }

    /// <summary>The language used when none of <see cref="Languages"/> was asked for.</summary>
    string DefaultLanguage { get; }

    /// <summary>The requested language (<c>en</c>, <c>en-GB</c>) if texts exist in it, else the default.</summary>
    string ResolveLanguage(string? requested);

    /// <summary>The visitor texts in the resolved language.</summary>
    VisitorTexts Texts(string? language);

    /// <summary>The zone of every wall-clock time in the policy.</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>Head-office hours (R4).</summary>
    WorkingHours OfficeHours { get; }

    /// <summary>The days of the week the office works.</summary>
    IReadOnlyList<DayOfWeek> WorkingDays { get; }

    /// <summary>True on a working day that is not a holiday, or on a moved working day.</summary>
    bool IsWorkingDay(DateOnly day);

    /// <summary>Whether the head office is open at <paramref name="at"/>, why, and when it opens next.</summary>
    OfficeStatus OfficeStatus(DateTimeOffset at);

    /// <summary>True in head-office hours on a working day.</summary>
    bool IsOfficeOpen(DateTimeOffset at);

    /// <summary>The earliest instant at or after <paramref name="at"/> when the office is open.</summary>
    DateTimeOffset NextOpening(DateTimeOffset at);

    /// <summary>True when a person with this shift works at <paramref name="at"/> (a working day, inside the shift).</summary>
    bool IsOnShift(WorkingHours shift, DateTimeOffset at);

    /// <summary>True when an active staff member is on their own shift at <paramref name="at"/>.</summary>
    bool IsOnShift(StaffMember staff, DateTimeOffset at);

    /// <summary>The departments.</summary>
    IReadOnlyList<Department> Departments { get; }

    /// <summary>The department with this key, or null.</summary>
    Department? FindDepartment(string key);

    /// <summary>The shared mailbox (R3).</summary>
    string SharedMailbox { get; }

    /// <summary>The tariffs.</summary>
    IReadOnlyList<Tariff> Tariffs { get; }

    /// <summary>The tariff with this key, or null.</summary>
    Tariff? FindTariff(string key);

    /// <summary>Who answers an account on <paramref name="tariff"/> (R1, R2).</summary>
    ConsultantRoute RouteFor(Tariff tariff, bool hasPersonalManager);

    /// <summary>What the visitor is told after a handoff: how the manager will contact them (R5, R6).</summary>
    string HandoffNotice(Tariff tariff, string? language);

    /// <summary>What the visitor is told while the office is closed at <paramref name="at"/>.</summary>
    string OfflineNotice(DateTimeOffset at, string? language);

    /// <summary>The topics, in the configured order.</summary>
    IReadOnlyList<Topic> Topics { get; }

    /// <summary>The topic with this key, or null.</summary>
    Topic? FindTopic(string key);

    /// <summary>
    /// The topic a free text is about, by keyword, or null. The language's keywords are tried first, then the
    /// others; a redirected topic wins over one the managers answer, then the configured order decides.
    /// </summary>
    Topic? RecogniseTopic(string text, string? language);

    /// <summary>The ready answer for a topic outside the managers' competence (R8), or null when the managers answer it.</summary>
    TopicRedirect? RedirectFor(Topic topic, string? language);

    /// <summary>The answer for a visitor who found none: the community and support with its subject (R11).</summary>
    string NoAnswerMessage(string? language);

    /// <summary>
    /// When a written request arriving at <paramref name="arrivedAt"/> must be answered (R7): the end of the
    /// responsible person's working day (<paramref name="responsible"/>'s shift, office hours for a pool), or the
    /// end of the next working day when it arrives after that end, on a day off or on a holiday.
    /// </summary>
    DateTimeOffset DueFor(DateTimeOffset arrivedAt, WorkingHours? responsible = null);

    /// <summary>The "this needs longer work, the answer will come by {due}" notice (R7).</summary>
    string LongerWorkNotice(DateTimeOffset due, string? language);

    /// <summary>True when a company's week exceeds both referral thresholds (R9).</summary>
    bool ShouldReferToTraining(int requests, double minutes);

    /// <summary>The counting week that contains <paramref name="at"/>, in the policy's time zone.</summary>
    PolicyWeek WeekOf(DateTimeOffset at);

    /// <summary>The department companies are referred to (R9).</summary>
    Department TrainingDepartment { get; }

    /// <summary>The users' community channel (R11).</summary>
    string CommunityUrl { get; }

    /// <summary>The department a visitor without an answer writes to (R11).</summary>
    Department NoAnswerDepartment { get; }

    /// <summary>The subject of that e-mail (R11).</summary>
    string NoAnswerSubject(string? language);

    /// <summary>Formats an instant as a wall-clock time of the policy's zone in the language's format.</summary>
    string FormatLocal(DateTimeOffset at, string? language);
}
