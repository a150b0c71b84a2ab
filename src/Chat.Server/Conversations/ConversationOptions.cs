using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Conversations;

/// <summary>Settings of <c>Chat:Conversations</c>.</summary>
public sealed class ConversationOptions
{
    public const string Section = "Chat:Conversations";

    /// <summary>The longest message text, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>How many messages one resume call returns at most; the client asks again for the rest.</summary>
    [Range(10, 10_000)]
    public int ResumePageSize { get; set; } = 500;

    /// <summary>How many sends that arrive together are stored in one transaction at most.</summary>
    [Range(1, 10_000)]
    public int WriteBatchSize { get; set; } = 256;

    /// <summary>How many conversations the agents' inbox lists.</summary>
    [Range(10, 10_000)]
    public int InboxSize { get; set; } = 200;

    /// <summary>
    /// How long the inbox lines of busy conversations are gathered before they are pushed: a console gets at most one
    /// line per conversation in that time, the latest.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan InboxUpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
