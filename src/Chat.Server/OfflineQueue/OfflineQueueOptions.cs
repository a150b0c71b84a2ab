using System.ComponentModel.DataAnnotations;

namespace Chat.Server.OfflineQueue;

/// <summary>Settings of <c>Chat:OfflineQueue</c>.</summary>
public sealed class OfflineQueueOptions
{
    public const string Section = "Chat:OfflineQueue";

    /// <summary>The department whose pool takes visitors' messages nobody has taken and the offline form; a department of the policy.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DutyPool { get; set; } = string.Empty;

    /// <summary>How long a delivered item may stay unacknowledged before it is delivered again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each node looks for items to deliver to its available agents (it also looks at once on a change).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often every item not acknowledged is put back on the queue from the database (also at start-up and when Redis returns).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan RebuildInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often overdue personal items are raised to their department's pool.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many items one look delivers to one agent at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>What the visitor is told after the offline form, by language; <c>{due}</c> is the promised time, with the policy's forms (<c>{due:genitive}</c>).</summary>
    [MinLength(1)]
    public Dictionary<string, string> AnswerByNotice { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
