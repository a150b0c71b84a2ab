using Chat.Server.Hosting;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Security;

/// <summary>What every <see cref="IAttemptWindows"/> must do; each implementation runs these tests.</summary>
public abstract class AttemptWindowsContractTests
{
    protected const int Permits = 3;
    protected static readonly TimeSpan LongWindow = TimeSpan.FromMinutes(10);
    protected static readonly TimeSpan ShortWindow = TimeSpan.FromSeconds(1);

    protected abstract IAttemptWindows Windows { get; }

    /// <summary>
    /// Whether <paramref name="attempt"/> is allowed once a window of <paramref name="window"/> is over: at once after
    /// advancing the implementation's fake clock, or, where its windows keep real time, the first time it is.
    /// </summary>
    protected abstract Task<bool> AllowedOnceOverAsync(TimeSpan window, Func<Task<bool>> attempt);

    protected static string NewKey() => $"identify:{Guid.NewGuid():N}";

    [Fact]
    public async Task Attempts_up_to_the_limit_are_allowed_and_the_ones_after_it_refused_for_the_rest_of_the_window()
    {
        var key = NewKey();

        var outcomes = new List<bool>();
        for (var i = 0; i < Permits + 2; i++)
        {
            outcomes.Add(await Windows.TryAttemptAsync(key, Permits, LongWindow, default));
        }

        Assert.Equal([true, true, true, false, false], outcomes);
    }

    [Fact]
    public async Task Keys_are_counted_apart()
    {
        var full = NewKey();
        var other = NewKey();
        for (var i = 0; i < Permits; i++)
        {
            Assert.True(await Windows.TryAttemptAsync(full, Permits, LongWindow, default));
        }

        Assert.False(await Windows.TryAttemptAsync(full, Permits, LongWindow, default));
        for (var i = 0; i < Permits; i++)
        {
            Assert.True(await Windows.TryAttemptAsync(other, Permits, LongWindow, default));
        }
    }

    [Fact]
    public async Task Concurrent_attempts_are_counted_exactly()
    {
        var key = NewKey();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => Windows.TryAttemptAsync(key, 50, LongWindow, default))));

        Assert.Equal(50, outcomes.Count(allowed => allowed));
    }

    [Fact]
    public async Task A_key_refused_in_its_window_is_allowed_again_once_the_window_is_over()
    {
        var key = NewKey();
        Task<bool> AttemptAsync() => Windows.TryAttemptAsync(key, Permits, ShortWindow, default);

        // Where windows keep real time, one may end between two attempts: then the attempts go on into the next.
        var refused = false;
        for (var i = 0; i < 10 * Permits && !refused; i++)
        {
            refused = !await AttemptAsync();
        }

        Assert.True(refused, "No attempt was refused.");
        Assert.True(await AllowedOnceOverAsync(ShortWindow, AttemptAsync));
    }
}

/// <summary>The in-process windows keep real time (System.Threading.RateLimiting has no clock to fake).</summary>
[Trait("Area", "Security")]
public sealed class InProcessAttemptWindowsContractTests : AttemptWindowsContractTests, IDisposable
{
    private readonly InProcessAttemptWindows windows = new();

    protected override IAttemptWindows Windows => windows;

    protected override async Task<bool> AllowedOnceOverAsync(TimeSpan window, Func<Task<bool>> attempt)
    {
        var allowed = false;
        await LocalProcess.WaitUntilAsync(async () => allowed = await attempt(), "an allowed attempt after the window");
        return allowed;
    }

    public void Dispose() => windows.Dispose();
}

/// <summary>The Redis windows are numbered by the node's clock (faked here) and their counters expire by Redis's.</summary>
[Trait("Area", "Security")]
public sealed class RedisAttemptWindowsContractTests : AttemptWindowsContractTests, IClassFixture<RedisFixture>, IDisposable
{
    private readonly RedisFixture redis;
    private readonly string prefix = RedisFixture.NewPrefix("attempts");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero).AddMilliseconds(Random.Shared.Next(100_000_000)));
    private readonly RedisAttemptWindows windows;

    public RedisAttemptWindowsContractTests(RedisFixture redis)
    {
        this.redis = redis;
        windows = new RedisAttemptWindows(redis.Database(prefix), clock);
    }

    protected override IAttemptWindows Windows => windows;

    protected override Task<bool> AllowedOnceOverAsync(TimeSpan window, Func<Task<bool>> attempt)
    {
        clock.Advance(window);
        return attempt();
    }

    [Fact]
    public async Task Two_nodes_count_each_others_attempts_exactly()
    {
        await using var connection = await redis.ConnectAsync();
        using var otherNode = new RedisAttemptWindows(RedisFixture.Database(connection, prefix), new FakeTimeProvider(clock.GetUtcNow()));
        var key = NewKey();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Task.Run(() => (i % 2 == 0 ? windows : otherNode).TryAttemptAsync(key, 30, LongWindow, default))));

        Assert.Equal(30, outcomes.Count(allowed => allowed));
        Assert.False(await windows.TryAttemptAsync(key, 30, LongWindow, default));
        Assert.False(await otherNode.TryAttemptAsync(key, 30, LongWindow, default));
    }

    [Fact]
    public async Task A_windows_counter_leaves_Redis_once_the_window_is_over()
    {
        await windows.TryAttemptAsync(NewKey(), Permits, ShortWindow, default);
        Assert.NotEmpty(await redis.KeysAsync(prefix));

        await LocalProcess.WaitUntilAsync(async () => (await redis.KeysAsync(prefix)).Count == 0, "the counter's expiry");
    }

    [Fact]
    public async Task Another_deployment_sharing_the_redis_under_its_own_prefix_counts_apart()
    {
        using var staging = new RedisAttemptWindows(redis.Database(RedisFixture.NewPrefix("staging")), clock);
        var key = NewKey();
        for (var i = 0; i < Permits; i++)
        {
            Assert.True(await windows.TryAttemptAsync(key, Permits, LongWindow, default));
        }

        Assert.True(await staging.TryAttemptAsync(key, Permits, LongWindow, default));
        Assert.False(await windows.TryAttemptAsync(key, Permits, LongWindow, default));
    }

    public void Dispose() => windows.Dispose();
}
