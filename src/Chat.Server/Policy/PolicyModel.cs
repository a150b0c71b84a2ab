using Chat.Contracts;
using Chat.Server.Storage;

namespace Chat.Server.Policy;

/// <summary>A daily span of wall-clock time in the policy's time zone: head-office hours or a staff member's shift. <see cref="End"/> is exclusive.</summary>
public readonly record struct WorkingHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>The shift of a staff member.</summary>
    public static WorkingHours Of(StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new(staff.ShiftStart, staff.ShiftEnd);
    }

    /// <summary>True when <paramref name="time"/> lies in the span.</summary>
    public bool Contains(TimeOnly time) => Start <= time && time < End;
}

/// <summary>A text in several languages, looked up ignoring case; a language without a text falls back to the default one.</summary>
public sealed class Localised(IEnumerable<KeyValuePair<string, string>> values, string defaultLanguage)
{
    private readonly Dictionary<string, string> values = new(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>The text in <paramref name="language"/>, or in the default language.</summary>
    public string In(string language) => values.TryGetValue(language, out var value) ? value : values[defaultLanguage];
}

/// <summary>Whether the head office is open at a moment, why, and when it opens next (null while open).</summary>
public sealed record OfficeStatus(bool IsOpen, OfficeReason Reason, DateTimeOffset? NextOpenAt);

/// <summary>A department of the company.</summary>
public sealed record Department(string Key, Localised Label, string? Email);

/// <summary>A tariff: who consults it, the channels its clients may use and how a manager contacts them after a handoff.</summary>
public sealed record Tariff(
    string Key,
    Localised Label,
    ConsultantKind Consultant,
    Department Pool,
    IReadOnlyList<ContactChannel> Channels,
    IReadOnlyList<ContactMethod> ContactBy)
{
    /// <summary>True when the tariff's clients may use <paramref name="channel"/> (R5: call-back only with the phone channel).</summary>
    public bool Allows(ContactChannel channel) => Channels.Contains(channel);
}

/// <summary>
/// Who answers an account's request. <see cref="Pool"/> answers when <see cref="Kind"/> is a pool and stands in when the
/// personal manager cannot (has left, is missing). <see cref="ManagerMissing"/>: the tariff promises a personal manager
/// but the account has none.
/// </summary>
public sealed record ConsultantRoute(ConsultantKind Kind, Department Pool, bool ManagerMissing);

/// <summary>A consultation topic. <see cref="RedirectTo"/> is null when the managers answer it (R8).</summary>
public sealed record Topic(string Key, Localised Label, Department? RedirectTo)
{
    /// <summary>True when the topic is outside the managers' competence.</summary>
    public bool IsRedirected => RedirectTo is not null;
}

/// <summary>The answer to a redirected topic: the department, its address and the ready message.</summary>
public sealed record TopicRedirect(Topic Topic, Department Department, string? Email, string Message);

/// <summary>A counting week (R9): its first day and its bounds as instants, <see cref="End"/> exclusive.</summary>
public sealed record PolicyWeek(DateOnly FirstDay, DateTimeOffset Start, DateTimeOffset End);
