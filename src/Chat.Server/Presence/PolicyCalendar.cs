using Chat.Server.OfflineQueue;
using Chat.Server.Policy;
using Chat.Server.Storage;

namespace Chat.Server.Presence;

/// <summary>The consultation policy seen through the narrow needs of presence and the offline queue.</summary>
public sealed class PolicyCalendar(IConsultationPolicy policy) : IShiftCalendar, IDuePolicy
{
    public bool IsOfficeOpen(DateTimeOffset at) => policy.IsOfficeOpen(at);

    public bool IsOnShift(StaffMember staff, DateTimeOffset at) => policy.IsOnShift(staff, at);

    public DateTimeOffset DueFor(DateTimeOffset arrivedAt, StaffMember? responsible) =>
        policy.DueFor(arrivedAt, responsible is null ? null : WorkingHours.Of(responsible));

    public DateTimeOffset EndOfDay(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, policy.TimeZone);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, policy.TimeZone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    public string LongerWorkNotice(DateTimeOffset due, string? language) => policy.LongerWorkNotice(due, language);

    public string FormatLocal(DateTimeOffset at, string? language) => policy.FormatLocal(at, language);
}
