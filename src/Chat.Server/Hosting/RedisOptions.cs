using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Hosting;

/// <summary>Settings of <c>Chat:Redis</c> (used only when <c>ConnectionStrings:Redis</c> is set).</summary>
public sealed class RedisOptions
{
    public const string Section = "Chat:Redis";

    /// <summary>
    /// Starts every key and the live feed's channel of this deployment, so that two deployments (staging and production, two
    /// companies) can share one Redis without seeing each other's presence, queues or messages. Every node of one
    /// deployment must use the same prefix.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9][a-z0-9_.-]{0,31}$", ErrorMessage = "The key prefix must be 1–32 lower-case letters, digits, '_', '.' or '-'.")]
    public string KeyPrefix { get; set; } = "chat";
}
