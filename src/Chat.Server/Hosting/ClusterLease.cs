using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Chat.Server.Hosting;

/// <summary>
/// Only one node of the cluster does the work named <paramref name="name"/> at a time (the webhook deliveries, the reading
/// of one mailbox). On PostgreSQL the holder keeps a session advisory lock on a connection of its own: when that node dies
/// its connection drops, the lock with it, and the next node's turn takes it. On SQLite (one node by nature) the node
/// always holds it.
/// </summary>
public sealed class ClusterLease(IConfiguration configuration, string name) : IAsyncDisposable
{
    /// <summary>The advisory lock's key: the name's ASCII bytes when they fit in 8 ("webhook" keeps the key it always had), else a digest of it.</summary>
    private readonly long key = KeyOf(name);

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
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new NpgsqlParameter { Value = key } } };
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

    private static long KeyOf(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var key = bytes.Length <= sizeof(long) && bytes.All(b => b < 0x80) ? bytes : SHA256.HashData(bytes)[..sizeof(long)];
        return key.Aggregate(0L, (value, b) => (value << 8) | b);
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
