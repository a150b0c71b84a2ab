using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Hosting;

/// <summary>Settings of <c>Chat:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Chat:Security";

    /// <summary>
    /// The sites (scheme://host[:port]) that may embed the widget and call the visitor endpoints from
    /// the browser. The server's own origin is always allowed; the agent hub and console accept only it.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Open WebSocket (upgraded) connections one node accepts; kept below the process's open-file limit.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; set; } = 18_000;

    /// <summary>Open hub connections from one client address.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnectionsPerAddress { get; set; } = 50;

    /// <summary>Hub calls one connection may make per second, on average.</summary>
    [Range(1, 10_000)]
    public int HubCallsPerSecond { get; set; } = 20;

    /// <summary>Hub calls one connection may make in a burst.</summary>
    [Range(1, 100_000)]
    public int HubCallBurst { get; set; } = 60;

    /// <summary>Failed sign-ins in a row after which a staff account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked staff account stays locked.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
}
