using Microsoft.EntityFrameworkCore;
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
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(c => new { c.Status, c.UpdatedAt });
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
        e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId);
    }
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
