namespace Chat.Tests.Infrastructure;

/// <summary>One real server per test class, on the backend the class asks for, with the settings it overrides.</summary>
public abstract class ServerFixture(Backend backend, IReadOnlyDictionary<string, string?>? overrides = null) : IAsyncLifetime
{
    public ChatServer Server { get; private set; } = null!;

    public Backend Backend => backend;

    public async Task InitializeAsync() => Server = await ChatServer.StartAsync(backend, overrides);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class EmbeddedServerFixture() : ServerFixture(Backend.Embedded);

public sealed class RedisPostgresServerFixture() : ServerFixture(Backend.RedisPostgres);
