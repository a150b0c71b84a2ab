using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Storage;

/// <summary>
/// The database: the truth for conversations, messages and staff. Each provider has its own
/// subclass so that each keeps its own migrations (<see cref="SqliteChatDbContext"/>,
/// <see cref="PostgresChatDbContext"/>).
/// </summary>
public abstract class ChatDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Conversation>(e =>
        {
            e.Property(c => c.VisitorName).HasMaxLength(100);
            e.Property(c => c.Language).HasMaxLength(8);
            e.Property(c => c.LastText).HasMaxLength(200);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(c => new { c.Status, c.UpdatedAt });
        });

        modelBuilder.Entity<Message>(e =>
        {
            e.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
            e.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique();
            e.Property(m => m.Sender).HasConversion<string>().HasMaxLength(16);
            e.Property(m => m.SenderId).HasMaxLength(64);
            e.Property(m => m.SenderName).HasMaxLength(100);
            e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId);
        });

        modelBuilder.Entity<StaffMember>(e =>
        {
            e.HasIndex(s => s.Login).IsUnique();
            e.Property(s => s.Login).HasMaxLength(64);
            e.Property(s => s.DisplayName).HasMaxLength(100);
            e.Property(s => s.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.Department).HasMaxLength(32);
        });
    }
}

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteChatDbContext(DbContextOptions<SqliteChatDbContext> options) : ChatDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; store them as sortable numbers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresChatDbContext(DbContextOptions<PostgresChatDbContext> options) : ChatDbContext(options);
