using Chat.Server.Storage;

namespace Chat.Server.Presence;

/// <summary>What presence needs from the consultation policy: office hours and each person's shift.</summary>
public interface IShiftCalendar
{
    /// <summary>True in head-office hours on a working day (the chat is online only then).</summary>
    bool IsOfficeOpen(DateTimeOffset at);

    /// <summary>True when the staff member works at <paramref name="at"/>.</summary>
    bool IsOnShift(StaffMember staff, DateTimeOffset at);
}
