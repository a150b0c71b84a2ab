using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Api;

/// <summary>Settings of <c>Chat:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Chat:Api";

    /// <summary>The largest request body an <c>/api/v1</c> endpoint reads (<c>413 payload_too_large</c> above it).</summary>
    [Range(1024, 10_000_000)]
    public int MaxBodyBytes { get; set; } = 65_536;

    /// <summary>Calls one API key may make per <see cref="RateWindow"/> (<c>429 rate_limited</c> beyond).</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerWindow { get; set; } = 600;

    /// <summary>The window of <see cref="RequestsPerWindow"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Conversations per page when the caller gives no <c>limit</c>.</summary>
    [Range(1, 500)]
    public int PageSize { get; set; } = 50;

    /// <summary>The most conversations one page may hold.</summary>
    [Range(1, 500)]
    public int MaxPageSize { get; set; } = 200;
}
