using System.Text.Json;
using Chat.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Storage;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> e)
    {
        e.Property(c => c.VisitorName).HasMaxLength(100);
        e.Property(c => c.Language).HasMaxLength(8);
        e.Property(c => c.LastText).HasMaxLength(200);
        e.Property(c => c.AssignedTo).HasMaxLength(64);
        e.Property(c => c.Department).HasMaxLength(32);
        e.Property(c => c.Topic).HasMaxLength(64);
        e.Property(c => c.Company).HasMaxLength(200);
        e.Property(c => c.Channel).HasMaxLength(16).HasDefaultValue("chat");
        e.HasIndex(c => new { c.Company, c.ClosedAt });
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);

        // Every message moves its conversation's sequence, line and time: no index may cover those columns, and pages
        // keep room, so that PostgreSQL updates the row in place (HOT) instead of leaving a dead copy in every index
        // each time. The inbox finds the open conversations by the partial index and sorts them by time.
        e.HasIndex(c => c.Status).HasFilter("\"Status\" = 'Open'");
        e.HasStorageParameter("fillfactor", 50);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> e)
    {
        e.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
        e.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique();
        e.Property(m => m.Sender).HasConversion<string>().HasMaxLength(16);
        e.Property(m => m.SenderId).HasMaxLength(64);
        e.Property(m => m.SenderName).HasMaxLength(100);
        e.Property(m => m.Attachments).HasConversion(
            v => ToJson(v),
            v => FromJson(v),
            new ValueComparer<List<AttachmentRef>?>((a, b) => ToJson(a) == ToJson(b), v => ToJson(v).GetHashCode(StringComparison.Ordinal), v => FromJson(ToJson(v))));
        e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId);
    }

    private static string ToJson(List<AttachmentRef>? value) => JsonSerializer.Serialize(value ?? [], JsonSerializerOptions.Web);

    private static List<AttachmentRef>? FromJson(string value) => JsonSerializer.Deserialize<List<AttachmentRef>>(value, JsonSerializerOptions.Web);
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> e)
    {
        e.HasIndex(s => s.Login).IsUnique();
        e.Property(s => s.Login).HasMaxLength(64);
        e.Property(s => s.DisplayName).HasMaxLength(100);
        e.Property(s => s.Role).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.Department).HasMaxLength(32);
    }
}
