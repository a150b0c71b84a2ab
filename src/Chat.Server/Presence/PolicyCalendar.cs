using Chat.Server.OfflineQueue;
using Chat.Server.Policy;
using Chat.Server.Storage;

namespace Chat.Server.Presence;

/// <summary>The consultation policy seen through the narrow needs of presence and the offline queue.</summary>
public sealed class PolicyCalendar(IOfficeCalendar calendar, IVisitorTexts texts) : IShiftCalendar, IDuePolicy
{
    public bool IsOfficeOpen(DateTimeOffset at) => calendar.IsOfficeOpen(at);

    public bool IsOnShift(StaffMember staff, DateTimeOffset at) => calendar.IsOnShift(staff, at);

    public DateTimeOffset DueFor(DateTimeOffset arrivedAt, StaffMember? responsible) =>
        calendar.DueFor(arrivedAt, responsible is null ? null : WorkingHours.Of(responsible));

    public DateTimeOffset EndOfDay(DateTimeOffset at) => calendar.StartOf(calendar.DayOf(at).AddDays(1));

    public string LongerWorkNotice(DateTimeOffset due, string? language) => texts.LongerWorkNotice(due, language);

    public string FillDates(string text, string? language, params (string Name, DateTimeOffset At)[] dates) => texts.FillDates(text, language, dates);
}
