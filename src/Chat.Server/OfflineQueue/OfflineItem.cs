using Chat.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.OfflineQueue;

/// <summary>The kinds of queued items this server makes; other features (the handoff) bring their own.</summary>
public static class OfflineItemKinds
{
    /// <summary>A visitor wrote in a conversation nobody has taken while the on-duty pool was away.</summary>
    public const string VisitorMessage = "visitor-message";

    /// <summary>A visitor left the offline form.</summary>
    public const string OfflineRequest = "offline-request";

    /// <summary>A client's mail opened a conversation of the e-mail channel.</summary>
    public const string Email = "email";
}

/// <summary>
/// A queued item: the truth about it is this row. Accepted means stored here; the queue (Redis or in process)
/// only says who gets it next and is rebuilt from the rows that are not <see cref="QueuedItemState.Acknowledged"/>.
/// </summary>
public sealed class OfflineItem
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public QueueTargetKind TargetKind { get; set; }
    public required string Target { get; set; }
    public Guid? ConversationId { get; set; }

    /// <summary>The message the item was made from, so a retried send does not queue it twice.</summary>
    public Guid? SourceMessageId { get; set; }

    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the answer is promised (R7).</summary>
    public DateTimeOffset DueAt { get; set; }

    public QueuedItemState State { get; set; }
    public string? DeliveredTo { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>An agent wrote in the conversation after the item was queued.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The "this needs longer work" notice went to the client.</summary>
    public DateTimeOffset? NoticeSentAt { get; set; }

    /// <summary>The item was overdue for its person and was raised to their department's pool.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>The queue name: <c>staff:login</c> or <c>pool:department</c>.</summary>
    public string QueueTarget => QueueTargets.Of(TargetKind, Target);

    public QueuedItem ToContract() => new(Id, Kind, TargetKind, Target, ConversationId, Payload, CreatedAt, DueAt, Attempts);
}

public static class QueueTargets
{
    public static string Of(QueueTargetKind kind, string target) => $"{kind.ToString().ToLowerInvariant()}:{target}";
}

internal sealed class OfflineItemConfiguration : IEntityTypeConfiguration<OfflineItem>
{
    public void Configure(EntityTypeBuilder<OfflineItem> e)
    {
        e.Ignore(i => i.QueueTarget);
        e.Property(i => i.Kind).HasMaxLength(32);
        e.Property(i => i.TargetKind).HasConversion<string>().HasMaxLength(16);
        e.Property(i => i.Target).HasMaxLength(64);
        e.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        e.Property(i => i.DeliveredTo).HasMaxLength(64);
        e.HasIndex(i => i.State);
        e.HasIndex(i => new { i.TargetKind, i.Target, i.DueAt });
        e.HasIndex(i => i.ConversationId);
        e.HasIndex(i => i.SourceMessageId).IsUnique();
    }
}
