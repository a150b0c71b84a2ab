using Chat.Server.Conversations;
using Chat.Server.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Chat.Server.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, otherwise a SQLite file under
    /// <c>Chat:Storage:DataDirectory</c>. Either way the rest of the server sees <see cref="ChatDbContext"/>, and the
    /// message path its <see cref="IMessageLog"/> for the same database.
    /// </summary>
    public static WebApplicationBuilder AddChatStorage(this WebApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            // One pool for EF Core and the message log. Neither leaves session state behind (no SET, no session locks: the
            // cluster lease keeps its own connection), so a connection needs no reset (DISCARD ALL) when it is returned.
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres) { NoResetOnClose = true }));
            builder.Services.AddDbContextPool<PostgresChatDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
            builder.Services.AddScoped<ChatDbContext>(sp => sp.GetRequiredService<PostgresChatDbContext>());
            builder.Services.AddSingleton<IMessageLog, PostgresMessageLog>();
        }
        else
        {
            var dataDirectory = Path.GetFullPath(builder.Configuration["Chat:Storage:DataDirectory"] ?? "data", builder.Environment.ContentRootPath);
            Directory.CreateDirectory(dataDirectory);
            var sqlite = $"Data Source={Path.Combine(dataDirectory, "chat.db")};Pooling=True;Default Timeout=30";
            builder.Services.AddDbContextPool<SqliteChatDbContext>(o => o.UseSqlite(sqlite));
            builder.Services.AddScoped<ChatDbContext>(sp => sp.GetRequiredService<SqliteChatDbContext>());
            builder.Services.AddSingleton<IMessageLog>(sp => new SqliteMessageLog(sqlite, sp.GetRequiredService<WebhookOutbox>()));
        }

        builder.Services.AddDataProtection()
            .SetApplicationName("Chat")
            .PersistKeysToDbContext<ChatDbContext>();
        builder.Services.AddHealthChecks().AddDbContextCheck<ChatDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Brings the schema up to date by applying the provider's migrations.</summary>
    public static async Task MigrateChatDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers go on while a message is written.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await db.Database.MigrateAsync();
    }
}

/// <summary>Used by <c>dotnet ef migrations add … --context SqliteChatDbContext</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatDbContext>
{
    public SqliteChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by <c>dotnet ef migrations add … --context PostgresChatDbContext</c>.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChatDbContext>
{
    public PostgresChatDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresChatDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
