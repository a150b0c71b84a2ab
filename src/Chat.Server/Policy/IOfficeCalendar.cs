using Chat.Server.Storage;

namespace Chat.Server.Policy;

/// <summary>
/// The office calendar of the regulation (R4, R7): the time zone, head-office hours, working days and holidays, each
/// person's shift and when a written request is due. Every answer is about a given instant; the caller reads the clock
/// (<see cref="TimeProvider"/>), so the answers can be combined with presence.
/// </summary>
public interface IOfficeCalendar
{
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

    /// <summary>
    /// When a written request arriving at <paramref name="arrivedAt"/> must be answered (R7): the end of the
    /// responsible person's working day (<paramref name="responsible"/>'s shift, office hours for a pool), or the
    /// end of the next working day when it arrives after that end, on a day off or on a holiday.
    /// </summary>
    DateTimeOffset DueFor(DateTimeOffset arrivedAt, WorkingHours? responsible = null);

    /// <summary>The calendar day in the policy's zone that contains <paramref name="at"/>.</summary>
    DateOnly DayOf(DateTimeOffset at);

    /// <summary>The instant <paramref name="day"/> begins in the policy's zone (its local midnight), in UTC.</summary>
    DateTimeOffset StartOf(DateOnly day);

    /// <summary>
    /// The office's working time between two instants: only hours inside office hours on working days count, so a wait
    /// from Friday 18:55 to Monday 09:05 is 10 minutes. Zero when <paramref name="until"/> is not after <paramref name="since"/>.
    /// </summary>
    TimeSpan WorkingTimeBetween(DateTimeOffset since, DateTimeOffset until);
}
