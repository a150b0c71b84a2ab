using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Operations;

/// <summary>Settings of <c>Chat:Telemetry</c>: the metrics endpoint, how often the sampled gauges are read, and OTLP export.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Chat:Telemetry";

    /// <summary>Where Prometheus scrapes the metrics, guarded like the admin API (the admin key, or an Admin or Supervisor session).</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_-]*$")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>How often the offline-queue and health gauges are read from the database and the health checks.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An OTLP endpoint (<c>http://collector:4317</c>) that receives traces and metrics; empty exports nothing over OTLP.</summary>
    [Url]
    public string? OtlpEndpoint { get; set; }
}
