using Chat.Contracts;
using Chat.Server.Policy;
using Chat.Server.Storage;

namespace Chat.Server.Demo;

/// <summary>
/// The policy's calendar with the office open at every hour of every day and every active staff member on shift
/// (<see cref="DemoOptions.AlwaysOpen"/>), so that a newcomer can try live chat at night or at the weekend. Due times,
/// the calendar's days and the working time the reports count stay the policy's.
/// </summary>
public sealed class AlwaysOpenCalendar(OfficeCalendar policy) : IOfficeCalendar
{
    public TimeZoneInfo TimeZone => policy.TimeZone;

    public WorkingHours OfficeHours => policy.OfficeHours;

    public IReadOnlyList<DayOfWeek> WorkingDays => policy.WorkingDays;

    public bool IsWorkingDay(DateOnly day) => policy.IsWorkingDay(day);

    public OfficeStatus OfficeStatus(DateTimeOffset at) => new(true, OfficeReason.Open, null);

    public bool IsOfficeOpen(DateTimeOffset at) => true;

    public DateTimeOffset NextOpening(DateTimeOffset at) => at;

    public bool IsOnShift(WorkingHours shift, DateTimeOffset at) => true;

    public bool IsOnShift(StaffMember staff, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return staff.IsActive;
    }

    public DateTimeOffset DueFor(DateTimeOffset arrivedAt, WorkingHours? responsible = null) => policy.DueFor(arrivedAt, responsible);

    public DateOnly DayOf(DateTimeOffset at) => policy.DayOf(at);

    public DateTimeOffset StartOf(DateOnly day) => policy.StartOf(day);

    public TimeSpan WorkingTimeBetween(DateTimeOffset since, DateTimeOffset until) => policy.WorkingTimeBetween(since, until);
}
