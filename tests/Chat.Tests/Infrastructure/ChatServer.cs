using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Chat.Tests.Infrastructure;

/// <summary>Which infrastructure a test server runs on.</summary>
public enum Backend
{
    /// <summary>SQLite file, in-process presence and fan-out: what <c>dotnet run</c> uses.</summary>
    Embedded,

    /// <summary>PostgreSQL and Redis (live feed, presence): the production shape.</summary>
    RedisPostgres,
}

/// <summary>
/// The real server on real Kestrel, on a free loopback port, with the demo staff seeded. Extra
/// settings override the defaults the way environment variables would.
/// </summary>
public sealed class ChatServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("chat-data-").FullName;

    private ChatServer(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        this.settings = settings;
        this.services = services;
        UseKestrel(0);
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// Starts a server. <paramref name="overrides"/> replace settings (a <c>ConnectionStrings:Postgres</c>,
    /// <c>ConnectionStrings:Redis</c> or <c>Chat:Redis:KeyPrefix</c> given there wins, so two servers can share them); <paramref name="services"/>
    /// replaces services after the server's own registrations (a fake clock, a test calendar).
    /// </summary>
    public static async Task<ChatServer> StartAsync(
        Backend backend, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chat:Demo:Seed"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        if (backend == Backend.RedisPostgres)
        {
            if (overrides?.ContainsKey("ConnectionStrings:Postgres") != true)
            {
                settings["ConnectionStrings:Postgres"] = await (await PostgresServer.Shared).CreateDatabaseAsync();
            }

            if (overrides?.ContainsKey("ConnectionStrings:Redis") != true)
            {
                settings["ConnectionStrings:Redis"] = (await RedisServer.Shared).ConnectionString;
            }
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        if (backend == Backend.RedisPostgres)
        {
            settings.TryAdd("Chat:Redis:KeyPrefix", DeploymentPrefix(settings["ConnectionStrings:Postgres"]!));
        }

        var server = new ChatServer(settings, services);
        server.StartServer();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>
    /// One database is one deployment: servers on the same database (a second node, a restart) share their Redis keys
    /// and channels, and the servers of other tests on the shared Redis neither see them nor take their queued items.
    /// </summary>
    private static string DeploymentPrefix(string postgres)
    {
        var database = new NpgsqlConnectionStringBuilder(postgres).Database!;
        return "db-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..16];
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Chat:Storage:DataDirectory", dataDirectory);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still be closing its file; the temp folder is cleaned by the OS.
        }
    }
}
