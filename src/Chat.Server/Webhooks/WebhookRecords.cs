using Chat.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Webhooks;

/// <summary>
/// A webhook subscription: where its events go, which ones (<see cref="Events"/>, separated by spaces), its signing secret
/// (protected with the server's data-protection keys, never stored in the clear) and how far delivery has come:
/// every event up to (<see cref="CursorTransaction"/>, <see cref="Cursor"/>) in the outbox's order was delivered.
/// </summary>
public sealed class WebhookSubscription
{
    public const string Active = "active";
    public const string Paused = "paused";

    public Guid Id { get; set; }
    public required string Url { get; set; }
    public required string Events { get; set; }
    public string? Description { get; set; }
    public required string ProtectedSecret { get; set; }
    public string Status { get; set; } = Active;
    public long CursorTransaction { get; set; }
    public long Cursor { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? RetryAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? PausedAt { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public WebhookInfo ToContract() => new(Id, Url, EventList, Description, Status, ConsecutiveFailures, LastError, CreatedAt, CreatedBy, PausedAt);
}

/// <summary>
/// The outbox: an event, written in the same transaction as the change it tells of. They are read in the order of
/// (<see cref="TransactionId"/>, <see cref="Position"/>): on PostgreSQL the writing transaction's id, read only once every
/// transaction before it has ended, so a reader never passes an event that commits later; on SQLite, whose writers
/// take turns, 0 and the position alone. <see cref="Id"/> is what receivers de-duplicate by, the same on every retry. A stored message's event carries only its
/// conversation and <see cref="MessageSequence"/> (the message is read when it is delivered); the others their
/// <see cref="Data"/> as JSON.
/// </summary>
public sealed class WebhookEventRecord
{
    public long Position { get; set; }
    public long TransactionId { get; set; }
    public Guid Id { get; set; }
    public required string Type { get; set; }
    public Guid? ConversationId { get; set; }
    public long? MessageSequence { get; set; }
    public string? Data { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>One event's delivery to one subscription: the attempts so far and the last answer.</summary>
public sealed class WebhookDelivery
{
    public const string Delivered = "delivered";
    public const string Failing = "failing";

    public Guid SubscriptionId { get; set; }
    public long EventPosition { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset LastAttemptAt { get; set; }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> e)
    {
        e.ToTable("WebhookSubscriptions");
        e.Property(s => s.Url).HasMaxLength(WebhookUrls.MaxLength);
        e.Property(s => s.Events).HasMaxLength(500);
        e.Property(s => s.Description).HasMaxLength(200);
        e.Property(s => s.ProtectedSecret).HasMaxLength(1000);
        e.Property(s => s.Status).HasMaxLength(16);
        e.Property(s => s.LastError).HasMaxLength(500);
        e.Property(s => s.CreatedBy).HasMaxLength(64);
        e.Ignore(s => s.EventList);
    }
}

internal sealed class WebhookEventRecordConfiguration : IEntityTypeConfiguration<WebhookEventRecord>
{
    public void Configure(EntityTypeBuilder<WebhookEventRecord> e)
    {
        e.ToTable("WebhookEvents");
        e.HasKey(v => v.Position);
        e.Property(v => v.Position).ValueGeneratedOnAdd();
        e.HasIndex(v => v.Id).IsUnique();
        e.HasIndex(v => new { v.TransactionId, v.Position });
        e.HasIndex(v => v.OccurredAt);
        e.Property(v => v.Type).HasMaxLength(40);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.ToTable("WebhookDeliveries");
        e.HasKey(d => new { d.SubscriptionId, d.EventPosition });
        e.Property(d => d.Status).HasMaxLength(16);
        e.Property(d => d.LastError).HasMaxLength(500);
        e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<WebhookEventRecord>().WithMany().HasForeignKey(d => d.EventPosition).OnDelete(DeleteBehavior.Cascade);
    }
}
