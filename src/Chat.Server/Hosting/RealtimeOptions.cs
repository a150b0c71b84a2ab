using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Hosting;

/// <summary>Settings of <c>Chat:Realtime</c>: how the hubs notice a connection that went silent, and the largest frame they read.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Chat:Realtime";

    /// <summary>How often the server pings a connection that is otherwise quiet.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the server waits to hear from a client before it closes the connection (at least twice the keep-alive).</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:30:00")]
    public TimeSpan ClientTimeoutInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest hub frame a client may send, in bytes. A longer frame closes the connection with <c>message_too_long</c>
    /// (a message text over the length limit inside a smaller frame is refused and the connection stays open).
    /// </summary>
    [Range(16 * 1024, 16 * 1024 * 1024)]
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How many calls of one console connection the server handles at once. Its sends into different conversations then
    /// share a write batch instead of each waiting for the commit of the one before; every other call still runs alone,
    /// in the order the calls came. 1 handles them one at a time.
    /// </summary>
    [Range(1, 256)]
    public int AgentParallelCalls { get; set; } = 16;
}
