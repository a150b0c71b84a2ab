using System.Diagnostics;
using System.Globalization;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.ScaleOut.Harness;

/// <summary>
/// One Chat server as its own process (the build in <c>src/Chat.Server/bin</c>), in production mode
/// on PostgreSQL and Redis, on a loopback port; it can be killed with SIGKILL and started again.
/// </summary>
public sealed class ServerNode : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> environment;
    private Process? process;

    public ServerNode(string postgres, string redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        Port = LocalProcess.FreePort();
        var all = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Postgres"] = postgres,
            ["ConnectionStrings__Redis"] = redis,
            ["Chat__Demo__Seed"] = "true",
            ["Chat__Security__HubCallsPerSecond"] = "1000",
            ["Chat__Security__HubCallBurst"] = "1000",
            ["Chat__Security__MaxConnectionsPerAddress"] = "10000",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        environment = all;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    private static string ServerDirectory()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Repository.PathOf("src", "Chat.Server", "bin", configuration, "net10.0");
    }

    public async Task StartAsync()
    {
        var directory = ServerDirectory();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, "Chat.Server.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(Address.ToString().TrimEnd('/'));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        await LocalProcess.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server on port {Port.ToString(CultureInfo.InvariantCulture)} exited with {process.ExitCode}.");
            }

            try
            {
                return (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, $"the server on port {Port}", TimeSpan.FromSeconds(60));
    }

    /// <summary>True while the process runs (a host that stopped itself has exited).</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>SIGKILL: no clean shutdown, no goodbye to its clients.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
