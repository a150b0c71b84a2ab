using Chat.Contracts;
using Chat.Server.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

/// <summary>The office calendar compiled from validated <see cref="PolicyOptions"/>; immutable and thread-safe.</summary>
public sealed class OfficeCalendar : IOfficeCalendar
{
    private readonly HashSet<DateOnly> holidays;
    private readonly HashSet<DateOnly> extraWorkingDays;

    public OfficeCalendar(IOptions<PolicyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hours = options.Value.Hours;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZone);
        OfficeHours = new WorkingHours(hours.Open, hours.Close);
        WorkingDays = [.. hours.WorkingDays.Distinct()];
        holidays = [.. hours.Holidays];
        extraWorkingDays = [.. hours.ExtraWorkingDays];
    }

    public TimeZoneInfo TimeZone { get; }

    public WorkingHours OfficeHours { get; }

    public IReadOnlyList<DayOfWeek> WorkingDays { get; }

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

    public DateTimeOffset DueFor(DateTimeOffset arrivedAt, WorkingHours? responsible = null)
    {
        var hours = responsible ?? OfficeHours;
        var (date, time) = Local(arrivedAt);
        var day = IsWorkingDay(date) && time < hours.End ? date : NextWorkingDay(date);
        return Instant(day, hours.End);
    }

    public DateOnly DayOf(DateTimeOffset at) => Local(at).Date;

    public DateTimeOffset StartOf(DateOnly day) => Instant(day, TimeOnly.MinValue);

    public TimeSpan WorkingTimeBetween(DateTimeOffset since, DateTimeOffset until)
    {
        var total = TimeSpan.Zero;
        for (var day = DayOf(since); since < until && StartOf(day) < until; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                var opens = Instant(day, OfficeHours.Start);
                var closes = Instant(day, OfficeHours.End);
                var overlap = (closes < until ? closes : until) - (opens > since ? opens : since);
                total += overlap > TimeSpan.Zero ? overlap : TimeSpan.Zero;
            }
        }

        return total;
    }

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
