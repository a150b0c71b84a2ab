using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL 15 cluster on a free loopback port (binaries in <c>/usr/lib/postgresql/15/bin</c>,
/// or <c>CHAT_PG_BIN</c>). Every test server gets a database of its own.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string directory;
    private readonly Process process;

    private PostgresServer(string directory, Process process, int port)
    {
        this.directory = directory;
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> Shared => SharedInstance.Value;

    /// <summary>It ends with the test process through the watchdog of <see cref="LocalProcess.Start"/>.</summary>
    private static readonly Lazy<Task<PostgresServer>> SharedInstance = new(StartAsync);

    private static string Bin(string tool) =>
        Path.Combine(Environment.GetEnvironmentVariable("CHAT_PG_BIN") ?? "/usr/lib/postgresql/15/bin", tool);

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("chat-pg-").FullName;
        var runAs = LocalProcess.IsRoot ? "postgres" : null;
        if (runAs is not null)
        {
            await LocalProcess.RunAsync("chown", ["-R", runAs, directory]);
        }

        var data = Path.Combine(directory, "data");
        await LocalProcess.RunAsync(Bin("initdb"), ["-D", data, "-U", "chat", "-A", "trust", "--no-sync", "-E", "UTF8"], runAs);
        var port = LocalProcess.FreePort();
        var process = LocalProcess.Start(Bin("postgres"),
        [
            "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-k", directory,
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
        ], runAs);
        var server = new PostgresServer(directory, process, port);
        await LocalProcess.WaitUntilAsync(async () =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
                await connection.OpenAsync();
                return true;
            }
            catch (NpgsqlException)
            {
                return false;
            }
        }, "postgres");
        return server;
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=chat;Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"chat_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public ValueTask DisposeAsync()
    {
        LocalProcess.Kill(process);
        process.Dispose();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
