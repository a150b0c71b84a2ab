using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Redis for the contract suites of the Redis implementations: the run's shared redis-server and one connection
/// per test class. Every test keeps to a key prefix of its own (<see cref="NewPrefix"/>), so the suites, their tests
/// and the test servers on the same Redis never see each other's keys.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private ConnectionMultiplexer connection = null!;

    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = (await RedisServer.Shared).ConnectionString;
        connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
    }

    /// <summary>A prefix no other test uses, starting with <paramref name="name"/> (the suite's own).</summary>
    public static string NewPrefix(string name) => $"{name}-{Guid.NewGuid():N}";

    /// <summary>The database as a node of the deployment with <paramref name="prefix"/> sees it (the server adds the colon too).</summary>
    public IDatabase Database(string prefix) => Database(connection, prefix);

    /// <summary>The same for another connection, such as another node's.</summary>
    public static IDatabase Database(IConnectionMultiplexer connection, string prefix) => connection.GetDatabase().WithKeyPrefix($"{prefix}:");

    /// <summary>A connection of its own, as another node has; the caller disposes it.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <summary>The keys Redis holds under <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<RedisKey>> KeysAsync(string prefix)
    {
        var keys = new List<RedisKey>();
        await foreach (var key in connection.GetServers()[0].KeysAsync(pattern: $"{prefix}:*"))
        {
            keys.Add(key);
        }

        return keys;
    }

    public async Task DisposeAsync() => await connection.DisposeAsync();
}
