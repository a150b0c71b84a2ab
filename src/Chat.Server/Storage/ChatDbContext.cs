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

    /// <summary>Stores a new conversation at once, on its own (nothing else this context tracks is saved with it).</summary>
    public virtual async Task InsertConversationAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        Conversations.Add(conversation);
        await SaveChangesAsync(cancellationToken);
    }
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

    /// <summary>
    /// One plain <c>INSERT</c>: <c>SaveChanges</c> for a single new conversation cost every widget's session request a fifth
    /// of the server's CPU per connection (its change tracking and its dependency sort over every table that refers to
    /// conversations; bench/README.md, "Connection set-up").
    /// </summary>
    public override async Task InsertConversationAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var (c, created, updated, closed) = (conversation, conversation.CreatedAt.ToUniversalTime(), conversation.UpdatedAt.ToUniversalTime(), conversation.ClosedAt?.ToUniversalTime());
        await Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Conversations" ("Id", "VisitorId", "VisitorName", "Language", "Status", "LastSequence", "LastText", "AssignedTo",
                "Department", "CreatedAt", "UpdatedAt", "ClosedAt", "HandlingSeconds", "PreparationMinutes", "Company", "VisitorReadSequence",
                "AgentReadSequence", "Topic", "Channel")
            VALUES ({c.Id}, {c.VisitorId}, {c.VisitorName}, {c.Language}, {c.Status.ToString()}, {c.LastSequence}, {c.LastText}, {c.AssignedTo},
                {c.Department}, {created}, {updated}, {closed}, {c.HandlingSeconds}, {c.PreparationMinutes}, {c.Company},
                {c.VisitorReadSequence}, {c.AgentReadSequence}, {c.Topic}, {c.Channel})
            """,
            cancellationToken);
    }
}
