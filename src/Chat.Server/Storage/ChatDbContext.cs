using Chat.Server.Webhooks;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>
    /// A conversation's last sequence and both read marks (what every widget's <c>Resume</c> reads first), or null when it does
    /// not exist: a query compiled once per provider (<see cref="Compiled{TContext}"/>), not a LINQ tree built and looked up
    /// in EF's cache at every call.
    /// </summary>
    public abstract Task<ConversationMarks?> MarksAsync(Guid conversationId, CancellationToken cancellationToken);

    /// <summary>Stores a new conversation at once, on its own (nothing else this context tracks is saved with it).</summary>
    public virtual async Task InsertConversationAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        Conversations.Add(conversation);
        await SaveChangesAsync(cancellationToken);
    }
}

/// <summary>A conversation's last sequence and how far each side has read the other's messages.</summary>
public sealed record ConversationMarks(long LastSequence, long VisitorReadSequence, long AgentReadSequence);

/// <summary>
/// The queries compiled once per context type: a compiled query keeps the model of the context it first ran on, so the
/// SQLite and PostgreSQL contexts (both in one process in the tests) each need their own.
/// </summary>
internal static class Compiled<TContext>
    where TContext : ChatDbContext
{
    public static readonly Func<TContext, Guid, CancellationToken, Task<ConversationMarks?>> Marks = EF.CompileAsyncQuery(
        (TContext db, Guid id, CancellationToken _) => db.Conversations.Where(c => c.Id == id)
            .Select(c => new ConversationMarks(c.LastSequence, c.VisitorReadSequence, c.AgentReadSequence)).SingleOrDefault());
}

/// <summary>The embedded default: a SQLite file.</summary>
public sealed class SqliteChatDbContext(DbContextOptions<SqliteChatDbContext> options) : ChatDbContext(options)
{
    public override Task<ConversationMarks?> MarksAsync(Guid conversationId, CancellationToken cancellationToken) =>
        Compiled<SqliteChatDbContext>.Marks(this, conversationId, cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; store them as sortable numbers of the UTC instant.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>Production: PostgreSQL.</summary>
public sealed class PostgresChatDbContext(DbContextOptions<PostgresChatDbContext> options) : ChatDbContext(options)
{
    private const string InsertConversationSql = """
        INSERT INTO "Conversations" ("Id", "VisitorId", "VisitorName", "Language", "Status", "LastSequence", "LastText", "AssignedTo",
            "Department", "CreatedAt", "UpdatedAt", "ClosedAt", "HandlingSeconds", "PreparationMinutes", "Company", "VisitorReadSequence",
            "AgentReadSequence", "Topic", "Channel")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
        """;

    /// <summary>An outbox event carries the id of the transaction that wrote it (see <see cref="WebhookEventRecord"/>).</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<WebhookEventRecord>().Property(e => e.TransactionId).HasDefaultValueSql("pg_current_xact_id()::text::bigint");
    }

    public override Task<ConversationMarks?> MarksAsync(Guid conversationId, CancellationToken cancellationToken) =>
        Compiled<PostgresChatDbContext>.Marks(this, conversationId, cancellationToken);

    /// <summary>Row locks in id order, so that concurrent writers on several nodes cannot deadlock.</summary>
    public override Task<List<Conversation>> LockConversationsAsync(Guid[] ids, CancellationToken cancellationToken) =>
        Conversations.FromSql($"""SELECT * FROM "Conversations" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""").ToListAsync(cancellationToken);

    /// <summary>
    /// One plain, prepared <c>INSERT</c> with positional, typed parameters: <c>SaveChanges</c> for a single new conversation
    /// cost every widget's session request a fifth of the server's CPU per connection (its change tracking and its
    /// dependency sort over every table that refers to conversations; bench/README.md, "Connection set-up"), and EF's raw
    /// SQL after it still built the statement's text, 19 boxed parameters and their EF wrappers for Npgsql to rewrite.
    /// </summary>
    public override async Task InsertConversationAsync(Conversation conversation, CancellationToken cancellationToken)
    {
        var c = conversation;
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(InsertConversationSql, (NpgsqlConnection)Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)Database.CurrentTransaction?.GetDbTransaction(),
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = c.Id },
                    new NpgsqlParameter<Guid> { TypedValue = c.VisitorId },
                    Text(c.VisitorName),
                    Text(c.Language),
                    Text(c.Status.ToString()),
                    new NpgsqlParameter<long> { TypedValue = c.LastSequence },
                    Text(c.LastText),
                    Text(c.AssignedTo),
                    Text(c.Department),
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = c.CreatedAt.ToUniversalTime() },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = c.UpdatedAt.ToUniversalTime() },
                    new NpgsqlParameter<DateTimeOffset?> { TypedValue = c.ClosedAt?.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    new NpgsqlParameter<double> { TypedValue = c.HandlingSeconds },
                    new NpgsqlParameter<int> { TypedValue = c.PreparationMinutes },
                    Text(c.Company),
                    new NpgsqlParameter<long> { TypedValue = c.VisitorReadSequence },
                    new NpgsqlParameter<long> { TypedValue = c.AgentReadSequence },
                    Text(c.Topic),
                    Text(c.Channel),
                },
            };
            await command.PrepareAsync(cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    private static NpgsqlParameter<string?> Text(string? value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };
}
