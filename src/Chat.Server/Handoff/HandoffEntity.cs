using Chat.Contracts;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Handoff;

/// <summary>
/// A relayed request, addressed to one manager (<see cref="AssignedLogin"/>) or to a department's pool
/// (<see cref="PoolDepartment"/>). The account's data is a snapshot taken when it was relayed. The pair
/// (conversation, <see cref="ClientRequestId"/>) and the pair (conversation, <see cref="DataKey"/>) are unique, so
/// a form sent twice makes one handoff.
/// </summary>
public sealed class HandoffRecord
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public HandoffKind Kind { get; set; }
    public HandoffStatus Status { get; set; }
    public Guid ClientRequestId { get; set; }
    public required string DataKey { get; set; }
    public required string Language { get; set; }
    public bool Verified { get; set; }

    /// <summary>True when the account came from the host site's signed identity token, not from what the visitor typed.</summary>
    public bool IdentityVerified { get; set; }
    public required string AccountGiven { get; set; }
    public string? AccountId { get; set; }
    public string? AccountName { get; set; }
    public string? Company { get; set; }
    public string? Tariff { get; set; }
    public string? AssignedLogin { get; set; }
    public string? PoolDepartment { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public ContactMethod? PreferredChannel { get; set; }
    public string? Topic { get; set; }
    public bool ContactOnFile { get; set; }
    public DateTimeOffset? CallBackFrom { get; set; }
    public DateTimeOffset? CallBackTo { get; set; }
    public string? HandedOffBy { get; set; }
    public ContactMethod? ContactedBy { get; set; }
    public long TranscriptUpTo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class HandoffRecordConfiguration : IEntityTypeConfiguration<HandoffRecord>
{
    public void Configure(EntityTypeBuilder<HandoffRecord> e)
    {
        e.ToTable("Handoffs");
        e.HasIndex(h => new { h.ConversationId, h.ClientRequestId }).IsUnique();
        e.HasIndex(h => new { h.ConversationId, h.DataKey }).IsUnique();
        e.HasIndex(h => new { h.AssignedLogin, h.Status });
        e.HasIndex(h => new { h.PoolDepartment, h.Status });
        e.Property(h => h.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(h => h.PreferredChannel).HasConversion<string>().HasMaxLength(16);
        e.Property(h => h.ContactedBy).HasConversion<string>().HasMaxLength(16);
        e.Property(h => h.DataKey).HasMaxLength(64);
        e.Property(h => h.Language).HasMaxLength(8);
        e.Property(h => h.AccountGiven).HasMaxLength(100);
        e.Property(h => h.AccountId).HasMaxLength(100);
        e.Property(h => h.AccountName).HasMaxLength(200);
        e.Property(h => h.Company).HasMaxLength(200);
        e.Property(h => h.Tariff).HasMaxLength(32);
        e.Property(h => h.AssignedLogin).HasMaxLength(64);
        e.Property(h => h.PoolDepartment).HasMaxLength(32);
        e.Property(h => h.Phone).HasMaxLength(32);
        e.Property(h => h.Email).HasMaxLength(254);
        e.Property(h => h.Topic).HasMaxLength(200);
        e.Property(h => h.HandedOffBy).HasMaxLength(64);
        e.HasOne<Conversation>().WithMany().HasForeignKey(h => h.ConversationId);
    }
}
