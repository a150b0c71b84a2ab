using Chat.Server.OfflineQueue;
using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.OfflineQueue;

/// <summary>What every <see cref="IOfflineQueue"/> must do; each implementation runs these tests.</summary>
public abstract class OfflineQueueContractTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    protected abstract IOfflineQueue Queue { get; }

    /// <summary>
    /// What <paramref name="take"/> gives once <paramref name="time"/> has passed for the implementation: at once
    /// after advancing its fake clock, or, where the queue keeps Redis's time, the first items it gives at all.
    /// </summary>
    protected abstract Task<IReadOnlyList<Guid>> TakeOnceElapsedAsync(TimeSpan time, Func<Task<IReadOnlyList<Guid>>> take);

    [Fact]
    public async Task An_item_is_handed_out_once_and_not_again_before_the_redelivery_time()
    {
        var item = Guid.NewGuid();
        await Queue.EnqueueAsync(item, "staff:m.petrov", default);

        Assert.Equal([item], await Queue.TakeAsync("staff:m.petrov", "m.petrov", 10, Long, default));
        Assert.Empty(await Queue.TakeAsync("staff:m.petrov", "m.petrov", 10, Long, default));
    }

    [Fact]
    public async Task Enqueueing_the_same_item_twice_queues_it_once()
    {
        var item = Guid.NewGuid();
        await Queue.EnqueueAsync(item, "pool:call-centre", default);
        await Queue.EnqueueAsync(item, "pool:call-centre", default);

        Assert.Equal([item], await Queue.TakeAsync("pool:call-centre", "cc.ivanova", 10, Long, default));
    }

    [Fact]
    public async Task An_item_handed_out_but_not_removed_is_handed_out_again_after_the_redelivery_time()
    {
        var item = Guid.NewGuid();
        await Queue.EnqueueAsync(item, "staff:m.petrov", default);
        Assert.Equal([item], await Queue.TakeAsync("staff:m.petrov", "m.petrov", 10, Short, default));

        var again = await TakeOnceElapsedAsync(Short * 2, () => Queue.TakeAsync("staff:m.petrov", "m.petrov", 10, Short, default));

        Assert.Equal([item], again);
    }

    [Fact]
    public async Task A_removed_item_is_never_handed_out_again_and_can_be_queued_elsewhere()
    {
        var item = Guid.NewGuid();
        var handedOutWithIt = Guid.NewGuid();
        await Queue.EnqueueAsync(item, "staff:m.smirnova", default);
        await Queue.EnqueueAsync(handedOutWithIt, "staff:m.smirnova", default);
        Assert.Equal([item, handedOutWithIt], await Queue.TakeAsync("staff:m.smirnova", "m.smirnova", 10, Short, default));
        await Queue.RemoveAsync(item, default);
        await Queue.EnqueueAsync(item, "pool:current-clients", default);

        // The item handed out with it comes again once the redelivery time is over; the removed one does not.
        var again = await TakeOnceElapsedAsync(Short * 2, () => Queue.TakeAsync("staff:m.smirnova", "m.smirnova", 10, Short, default));

        Assert.Equal([handedOutWithIt], again);
        Assert.Equal([item], await Queue.TakeAsync("pool:current-clients", "s.orlov", 10, Short, default));
    }

    [Fact]
    public async Task Targets_are_separate_and_items_come_in_the_order_queued_at_most_max_at_a_time()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        await Queue.EnqueueAsync(first, "pool:sales", default);
        await Queue.EnqueueAsync(Guid.NewGuid(), "pool:current-clients", default);
        await Queue.EnqueueAsync(second, "pool:sales", default);
        await Queue.EnqueueAsync(third, "pool:sales", default);

        Assert.Equal([first, second], await Queue.TakeAsync("pool:sales", "m.petrov", 2, Long, default));
        Assert.Equal([third], await Queue.TakeAsync("pool:sales", "m.petrov", 2, Long, default));
    }

    [Fact]
    public async Task Taking_from_a_target_that_never_had_items_gives_nothing()
    {
        Assert.Empty(await Queue.TakeAsync($"staff:{Guid.NewGuid():N}", "m.petrov", 10, Long, default));
    }
}

[Trait("Area", "OfflineQueue")]
public sealed class InProcessOfflineQueueContractTests : OfflineQueueContractTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero).AddSeconds(Random.Shared.Next(100_000)));

    public InProcessOfflineQueueContractTests() => Queue = new InProcessOfflineQueue(clock);

    protected override IOfflineQueue Queue { get; }

    protected override Task<IReadOnlyList<Guid>> TakeOnceElapsedAsync(TimeSpan time, Func<Task<IReadOnlyList<Guid>>> take)
    {
        clock.Advance(time);
        return take();
    }
}

[Trait("Area", "OfflineQueue")]
public sealed class RedisOfflineQueueContractTests(RedisFixture redis) : OfflineQueueContractTests, IClassFixture<RedisFixture>
{
    private readonly string prefix = RedisFixture.NewPrefix("queue");

    protected override IOfflineQueue Queue => new RedisOfflineQueue(redis.Database(prefix));

    /// <summary>Redis measures the redelivery time by its own clock: this waits for the redelivery, however long a loaded machine takes.</summary>
    protected override async Task<IReadOnlyList<Guid>> TakeOnceElapsedAsync(TimeSpan time, Func<Task<IReadOnlyList<Guid>>> take)
    {
        IReadOnlyList<Guid> taken = [];
        await LocalProcess.WaitUntilAsync(async () => (taken = await take()).Count > 0, "the redelivery");
        return taken;
    }

    [Fact]
    public async Task Another_deployment_sharing_the_redis_under_its_own_prefix_neither_takes_nor_removes_these_items()
    {
        var item = Guid.NewGuid();
        await Queue.EnqueueAsync(item, "staff:m.petrov", default);
        var staging = new RedisOfflineQueue(redis.Database(RedisFixture.NewPrefix("staging")));

        Assert.Empty(await staging.TakeAsync("staff:m.petrov", "m.petrov", 10, TimeSpan.FromMinutes(5), default));
        await staging.RemoveAsync(item, default);
        Assert.Equal([item], await Queue.TakeAsync("staff:m.petrov", "m.petrov", 10, TimeSpan.FromMinutes(5), default));
    }
}
