using Chat.Server.Webhooks;
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

    /// <summary>Times are stored as their UTC instants (<see cref="UtcTimeConverter"/>).</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTimeConverter>();

    /// <summary>Each feature keeps its tables' mapping beside it, as an <see cref="IEntityTypeConfiguration{TEntity}"/>.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ChatDbContext).Assembly);

    /// <summary>
    /// Loads and locks the given conversations until the current transaction ends, so that two
    /// writers never hand out the same sequence number. SQLite's transactions take the database's
    /// write lock when they begin (BEGIN IMMEDIATE), so a plain read is enough there.
    /// </summary>
    public virtual Task<List<Conversation>> LockConversationsAsync(Guid[] ids, CancellationToken cancellationToken) =>
        Conversations.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
}

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteChatDbContext(DbContextOptions<SqliteChatDbContext> options) : ChatDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; store them as sortable numbers of the UTC instant.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresChatDbContext(DbContextOptions<PostgresChatDbContext> options) : ChatDbContext(options)
{
    /// <summary>An outbox event carries the id of the transaction that wrote it (see <see cref="WebhookEventRecord"/>).</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<WebhookEventRecord>().Property(e => e.TransactionId).HasDefaultValueSql("pg_current_xact_id()::text::bigint");
    }

    /// <summary>Row locks in id order, so that concurrent writers on several nodes cannot deadlock.</summary>
    public override Task<List<Conversation>> LockConversationsAsync(Guid[] ids, CancellationToken cancellationToken) =>
        Conversations.FromSql($"""SELECT * FROM "Conversations" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""").ToListAsync(cancellationToken);
}
