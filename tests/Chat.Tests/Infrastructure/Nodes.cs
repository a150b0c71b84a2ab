using Chat.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Server nodes of one test on a Redis of their own and one PostgreSQL database, with short presence and
/// queue timings and a calendar that is always open; the connections it opens are closed at the end.
/// </summary>
public sealed class Nodes : IAsyncDisposable
{
    private readonly List<ChatServer> servers = [];
    private readonly List<HubConnection> connections = [];
    private string postgres = null!;

    public RedisServer Redis { get; private set; } = null!;

    public static async Task<Nodes> CreateAsync()
    {
        var nodes = new Nodes { Redis = await RedisServer.StartAsync() };
        nodes.postgres = await (await PostgresServer.Shared).CreateDatabaseAsync();
        return nodes;
    }

    /// <summary>Starts one more node on the same Redis and database; <paramref name="services"/> as <see cref="ChatServer.StartAsync"/> takes them.</summary>
    public async Task<ChatServer> StartAsync(Action<IServiceCollection>? services = null)
    {
        var server = await ChatServer.StartAsync(
            Backend.RedisPostgres,
            FastTimings.Settings(("ConnectionStrings:Postgres", postgres), ("ConnectionStrings:Redis", Redis.ConnectionString)),
            s =>
            {
                AlwaysOpenCalendar.Use(s);
                services?.Invoke(s);
            });
        servers.Add(server);
        return server;
    }

    /// <summary>Stops a node (its clients lose their connections).</summary>
    public async Task StopAsync(ChatServer server)
    {
        servers.Remove(server);
        await server.DisposeAsync();
    }

    public async Task<HubConnection> AgentAsync(ChatServer server, string login, Action<HubConnection>? beforeStart = null)
    {
        var connection = TestClients.AgentConnection(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress, login));
        beforeStart?.Invoke(connection);
        connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    public async Task<(VisitorSession Session, HubConnection Hub)> VisitorAsync(ChatServer server, Action<HubConnection>? beforeStart = null)
    {
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        var connection = TestClients.VisitorConnection(server.BaseAddress, session.Token);
        beforeStart?.Invoke(connection);
        connections.Add(connection);
        await connection.StartAsync();
        return (session, connection);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
