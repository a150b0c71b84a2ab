using Chat.Contracts;
using Chat.Server.Presence;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Presence;

/// <summary>What every <see cref="IPresence"/> must do; each implementation runs these tests.</summary>
public abstract class PresenceContractTests
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 25, 9, 17, 23, TimeSpan.Zero).AddMilliseconds(Random.Shared.Next(1_000_000));

    protected abstract IPresence Presence { get; }

    private static PresenceEntry Agent(string login) => new(PresenceKind.Agent, login, Guid.NewGuid().ToString("N"), $"Name of {login}");

    [Fact]
    public async Task A_renewed_entry_is_live_until_its_expiry_and_not_after()
    {
        var entry = Agent("m.petrov");
        await Presence.RenewAsync([entry], Now.AddSeconds(15), default);

        Assert.Contains(entry, await Presence.LiveAsync(PresenceKind.Agent, Now.AddSeconds(14), default));
        Assert.DoesNotContain(entry, await Presence.LiveAsync(PresenceKind.Agent, Now.AddSeconds(15), default));
    }

    [Fact]
    public async Task Renewing_moves_the_expiry_forward()
    {
        var entry = Agent("m.petrov");
        await Presence.RenewAsync([entry], Now.AddSeconds(15), default);
        await Presence.RenewAsync([entry], Now.AddSeconds(30), default);

        Assert.Single(await Presence.LiveAsync(PresenceKind.Agent, Now.AddSeconds(20), default), e => e == entry);
    }

    [Fact]
    public async Task A_removed_entry_is_gone_at_once()
    {
        var stays = Agent("m.petrov");
        var leaves = Agent("m.petrov");
        await Presence.RenewAsync([stays, leaves], Now.AddSeconds(15), default);
        await Presence.RemoveAsync(leaves, default);

        var live = await Presence.LiveAsync(PresenceKind.Agent, Now, default);
        Assert.Contains(stays, live);
        Assert.DoesNotContain(leaves, live);
    }

    [Fact]
    public async Task Agents_and_visitors_are_kept_apart()
    {
        var agent = Agent("cc.ivanova");
        var visitor = new PresenceEntry(PresenceKind.Visitor, Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), "Ольга");
        await Presence.RenewAsync([agent, visitor], Now.AddSeconds(15), default);

        Assert.Equal([visitor], await Presence.LiveAsync(PresenceKind.Visitor, Now, default));
        Assert.Equal([agent], await Presence.LiveAsync(PresenceKind.Agent, Now, default));
    }

    [Fact]
    public async Task The_same_list_answers_until_an_entry_comes_leaves_or_expires()
    {
        var presence = Presence;
        var first = Agent("m.petrov");
        await presence.RenewAsync([first], Now.AddSeconds(15), default);
        var read = await presence.LiveAsync(PresenceKind.Agent, Now, default);

        await presence.RenewAsync([first], Now.AddSeconds(30), default);
        Assert.Same(read, await presence.LiveAsync(PresenceKind.Agent, Now.AddSeconds(1), default));

        var second = Agent("m.smirnova");
        await presence.RenewAsync([second], Now.AddSeconds(20), default);
        var added = await presence.LiveAsync(PresenceKind.Agent, Now.AddSeconds(1), default);
        Assert.NotSame(read, added);
        Assert.Equal([first, second], added.OrderBy(e => e.Id));

        await presence.RemoveAsync(first, default);
        Assert.Equal([second], await presence.LiveAsync(PresenceKind.Agent, Now.AddSeconds(1), default));

        Assert.Empty(await presence.LiveAsync(PresenceKind.Agent, Now.AddSeconds(21), default));
    }

    [Fact]
    public async Task A_status_is_kept_per_login_and_the_last_one_wins()
    {
        await Presence.SetStatusAsync("m.petrov", AgentStatus.Away, default);
        await Presence.SetStatusAsync("m.smirnova", AgentStatus.Offline, default);
        await Presence.SetStatusAsync("m.petrov", AgentStatus.Online, default);

        var statuses = await Presence.StatusesAsync(default);
        Assert.Equal(AgentStatus.Online, statuses["m.petrov"]);
        Assert.Equal(AgentStatus.Offline, statuses["m.smirnova"]);
        Assert.False(statuses.ContainsKey("cc.ivanova"));
    }
}

[Trait("Area", "Presence")]
public sealed class InProcessPresenceContractTests : PresenceContractTests
{
    protected override IPresence Presence { get; } = new InProcessPresence();
}

[Trait("Area", "Presence")]
public sealed class RedisPresenceContractTests(RedisFixture redis) : PresenceContractTests, IClassFixture<RedisFixture>
{
    private readonly string prefix = RedisFixture.NewPrefix("presence");

    protected override IPresence Presence => new RedisPresence(redis.Database(prefix));

    [Fact]
    public async Task Two_nodes_see_each_others_entries()
    {
        await using var other = await redis.ConnectAsync();
        var entry = new PresenceEntry(PresenceKind.Agent, "m.petrov", "c1", "Пётр Петров");
        await new RedisPresence(RedisFixture.Database(other, prefix)).RenewAsync([entry], DateTimeOffset.UtcNow.AddSeconds(15), default);

        Assert.Equal([entry], await Presence.LiveAsync(PresenceKind.Agent, DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task A_node_that_read_before_sees_what_another_node_changed_since()
    {
        await using var other = await redis.ConnectAsync();
        var here = Presence;
        var there = new RedisPresence(RedisFixture.Database(other, prefix));
        var stays = new PresenceEntry(PresenceKind.Visitor, Guid.NewGuid().ToString(), "c1", "Ольга");
        await here.RenewAsync([stays], DateTimeOffset.UtcNow.AddSeconds(15), default);
        Assert.Equal([stays], await here.LiveAsync(PresenceKind.Visitor, DateTimeOffset.UtcNow, default));

        var comes = new PresenceEntry(PresenceKind.Visitor, Guid.NewGuid().ToString(), "c2", "Анна");
        await there.RenewAsync([comes], DateTimeOffset.UtcNow.AddSeconds(15), default);
        Assert.Equal(2, (await here.LiveAsync(PresenceKind.Visitor, DateTimeOffset.UtcNow, default)).Count);

        await there.RemoveAsync(stays, default);
        Assert.Equal([comes], await here.LiveAsync(PresenceKind.Visitor, DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task A_node_that_read_before_sees_a_redis_that_came_back_empty()
    {
        var here = Presence;
        var entry = new PresenceEntry(PresenceKind.Agent, "m.petrov", "c1", "Пётр Петров");
        await here.RenewAsync([entry], DateTimeOffset.UtcNow.AddSeconds(15), default);
        Assert.Equal([entry], await here.LiveAsync(PresenceKind.Agent, DateTimeOffset.UtcNow, default));

        var db = redis.Database(prefix);
        await db.KeyDeleteAsync(["presence:agent", "presence:agent:version"]);

        Assert.Empty(await here.LiveAsync(PresenceKind.Agent, DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task Another_deployment_sharing_the_redis_under_its_own_prefix_sees_none_of_these_entries()
    {
        var entry = new PresenceEntry(PresenceKind.Agent, "m.petrov", "c1", "Пётр Петров");
        await Presence.RenewAsync([entry], DateTimeOffset.UtcNow.AddSeconds(15), default);
        await Presence.SetStatusAsync("m.petrov", AgentStatus.Away, default);
        var staging = new RedisPresence(redis.Database(RedisFixture.NewPrefix("staging")));

        Assert.Empty(await staging.LiveAsync(PresenceKind.Agent, DateTimeOffset.UtcNow, default));
        Assert.Empty(await staging.StatusesAsync(default));
        Assert.Equal([entry], await Presence.LiveAsync(PresenceKind.Agent, DateTimeOffset.UtcNow, default));
    }
}
