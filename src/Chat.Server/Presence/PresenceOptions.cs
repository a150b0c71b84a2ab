using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Presence;

/// <summary>Settings of <c>Chat:Presence</c>.</summary>
public sealed class PresenceOptions
{
    public const string Section = "Chat:Presence";

    /// <summary>How long a connection counts without being renewed: a dead node's agents stop counting after this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "00:10:00")]
    public TimeSpan EntryLifetime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each node renews its connections; shorter than <see cref="EntryLifetime"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:05:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each node reads the shared presence and pushes what changed to its own clients.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}
