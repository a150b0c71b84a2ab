using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Webhooks;

/// <summary>Settings of <c>Chat:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Chat:Webhooks";

    /// <summary>
    /// Whether a subscription may deliver to loopback, link-local or private addresses, and over plain http (for a
    /// receiver on the same machine or network; off in production).
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery in one turn (the first and at least one retry), with exponential back-off and jitter between them.</summary>
    [Range(2, 10)]
    public int AttemptsPerTurn { get; set; } = 3;

    /// <summary>The first back-off between attempts; it doubles with every attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After a failed turn the subscription waits this long, doubled per failed turn, up to <see cref="MaxTurnDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TurnDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxTurnDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed turns in a row after which the subscription is paused and the administrators are told.</summary>
    [Range(1, 1000)]
    public int PauseAfterFailedTurns { get; set; } = 8;

    /// <summary>Events per subscription and turn; the conversations among them are delivered side by side, each in order.</summary>
    [Range(1, 10_000)]
    public int EventsPerTurn { get; set; } = 200;

    /// <summary>Deliveries under way at once for one subscription (each to another conversation).</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>How often the dispatcher looks for new events and subscriptions.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long events and their deliveries are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
