using Chat.Server.Storage;

namespace Chat.Server.OfflineQueue;

/// <summary>What the queue needs from the consultation policy: due times (R7) and the texts about them.</summary>
public interface IDuePolicy
{
    /// <summary>When a written request arriving at <paramref name="arrivedAt"/> must be answered by <paramref name="responsible"/> (a pool when null).</summary>
    DateTimeOffset DueFor(DateTimeOffset arrivedAt, StaffMember? responsible);

    /// <summary>The end of the policy's calendar day that contains <paramref name="at"/>.</summary>
    DateTimeOffset EndOfDay(DateTimeOffset at);

    /// <summary>The "this needs longer work, the answer will come by …" notice.</summary>
    string LongerWorkNotice(DateTimeOffset due, string? language);

    /// <summary>The text with the instants written as the policy writes times to visitors (<c>{due}</c>, <c>{due:genitive}</c>…).</summary>
    string FillDates(string text, string? language, params (string Name, DateTimeOffset At)[] dates);
}
