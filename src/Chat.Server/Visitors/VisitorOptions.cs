using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Visitors;

/// <summary>Settings of <c>Chat:Visitors</c>.</summary>
public sealed class VisitorOptions
{
    public const string Section = "Chat:Visitors";

    /// <summary>How long a visitor session token is valid; the widget renews it while the visitor is around.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The name shown to agents for a visitor who gave none, by the conversation's language (the policy's default language when it has none).</summary>
    [Required, MinLength(1)]
    public Dictionary<string, string> DefaultNames { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many of a visitor's latest pages are kept for the console's visitor details.</summary>
    [Range(1, 200)]
    public int PagesKept { get; set; } = 20;
}
