using Npgsql;

namespace Chat.Server.Webhooks;

/// <summary>
/// Only one node delivers webhooks at a time. On PostgreSQL the deliverer holds a session advisory lock on a connection
/// of its own: when that node dies its connection drops, the lock with it, and the next node's turn takes it. On SQLite
/// (one node by nature) the node always holds it.
/// </summary>
public sealed class WebhookLease(IConfiguration configuration) : IAsyncDisposable
{
    /// <summary>The advisory lock's key ("webhook" in ASCII).</summary>
    private const long Key = 0x776562686f6f6b;

    /// <summary>A connection of its own, never pooled: a lock must not outlive it on a connection another part reuses.</summary>
    private readonly string? connectionString = configuration.GetConnectionString("Postgres") is { Length: > 0 } postgres
        ? new NpgsqlConnectionStringBuilder(postgres) { Pooling = false, KeepAlive = 5 }.ConnectionString
        : null;

    private NpgsqlConnection? held;

    /// <summary>Whether this node delivers now: keeps the lock it holds (checking that its connection still lives) or tries to take it.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        if (connectionString is null)
        {
            return true;
        }

        try
        {
            if (held is not null)
            {
                await using var ping = new NpgsqlCommand("SELECT 1", held);
                await ping.ExecuteScalarAsync(cancellationToken);
                return true;
            }

            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new NpgsqlParameter { Value = Key } } };
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                held = connection;
                return true;
            }

            await connection.DisposeAsync();
            return false;
        }
        catch (NpgsqlException)
        {
            await ReleaseAsync();
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        if (held is not null)
        {
            await held.DisposeAsync();
            held = null;
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
