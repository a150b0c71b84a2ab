using System.Diagnostics;
using StackExchange.Redis;

namespace Chat.Tests.Infrastructure;

/// <summary>A real <c>redis-server</c> on a free loopback port, in its own folder; AOF on, so a restart keeps its data.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("chat-redis-").FullName;
    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=3000";

    /// <summary>One server shared by every test of the run that only needs "a Redis".</summary>
    public static Task<RedisServer> Shared => SharedInstance.Value;

    /// <summary>It ends with the test process through the watchdog of <see cref="LocalProcess.Start"/>.</summary>
    private static readonly Lazy<Task<RedisServer>> SharedInstance = new(StartAsync);

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(LocalProcess.FreePort());
        await server.RestartAsync(keepData: true);
        return server;
    }

    /// <summary>Starts (again) on the same port; without <paramref name="keepData"/> it starts empty.</summary>
    public async Task RestartAsync(bool keepData)
    {
        Stop();
        if (!keepData)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        process = Launch();
        await LocalProcess.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                // The killed server may hold the port for a moment longer: start again until it binds.
                process.Dispose();
                process = Launch();
                return false;
            }

            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return true;
            }
            catch (RedisException)
            {
                return false;
            }
        }, "redis-server");
    }

    private Process Launch() =>
        LocalProcess.Start("redis-server",
        [
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--protected-mode", "no",
        ]);

    public void Stop()
    {
        if (process is not null)
        {
            LocalProcess.Kill(process);
            process.Dispose();
            process = null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
