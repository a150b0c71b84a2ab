using Chat.Server.Hosting;
using StackExchange.Redis;

namespace Chat.Server.OfflineQueue;

/// <summary>
/// The queue on Redis Streams: one stream per target with the consumer group <c>consoles</c>; consumers are
/// agent logins. A new entry is read with XREADGROUP and stays pending until XACK; a pending entry older than
/// the redelivery time is claimed again with XAUTOCLAIM. An index hash (item id → stream and entry id) keeps
/// each item in one stream once, so rebuilding from the database adds only what Redis lost.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the conventions name the capability IOfflineQueue.")]
public sealed class RedisOfflineQueue(IDatabase db) : IOfflineQueue
{
    private const string ItemField = "item";

    // KEYS: stream, index. ARGV: item id, group. Adds the item unless the index has it; creates the group with the stream.
    private static readonly LuaScript Enqueue = LuaScript.Prepare("""
        if redis.call('HEXISTS', @index, @item) == 1 then return 0 end
        pcall(redis.call, 'XGROUP', 'CREATE', @stream, @group, '0', 'MKSTREAM')
        local id = redis.call('XADD', @stream, '*', 'item', @item)
        redis.call('HSET', @index, @item, @stream .. '|' .. id)
        return 1
        """);

    // Removes the item from its stream (acknowledged and deleted) and from the index.
    private static readonly LuaScript Remove = LuaScript.Prepare("""
        local location = redis.call('HGET', @index, @item)
        if not location then return 0 end
        local split = string.find(location, '|', 1, true)
        local stream = string.sub(location, 1, split - 1)
        local id = string.sub(location, split + 1)
        pcall(redis.call, 'XACK', stream, @group, id)
        redis.call('XDEL', stream, id)
        redis.call('HDEL', @index, @item)
        return 1
        """);

    public async Task EnqueueAsync(Guid itemId, string target, CancellationToken cancellationToken) =>
        await db.ScriptEvaluateAsync(Enqueue, new
        {
            index = RedisKeys.QueueIndex,
            stream = RedisKeys.QueueStream(target),
            item = itemId.ToString(),
            group = RedisKeys.QueueGroup,
        });

    public async Task<IReadOnlyList<Guid>> TakeAsync(string target, string consumer, int max, TimeSpan redeliverAfter, CancellationToken cancellationToken)
    {
        var stream = RedisKeys.QueueStream(target);
        if (!await db.KeyExistsAsync(stream))
        {
            return [];
        }

        var taken = new List<Guid>();
        var stale = await db.StreamAutoClaimAsync(stream, RedisKeys.QueueGroup, consumer, (long)redeliverAfter.TotalMilliseconds, "0-0", max);
        Collect(stale.ClaimedEntries, taken);
        if (taken.Count < max)
        {
            var fresh = await db.StreamReadGroupAsync(stream, RedisKeys.QueueGroup, consumer, StreamPosition.NewMessages, max - taken.Count);
            Collect(fresh, taken);
        }

        return taken;
    }

    public async Task RemoveAsync(Guid itemId, CancellationToken cancellationToken) =>
        await db.ScriptEvaluateAsync(Remove, new { index = RedisKeys.QueueIndex, item = itemId.ToString(), group = RedisKeys.QueueGroup });

    private static void Collect(StreamEntry[] entries, List<Guid> into)
    {
        foreach (var entry in entries)
        {
            if (!entry.IsNull && Guid.TryParse(entry[ItemField].ToString(), out var id))
            {
                into.Add(id);
            }
        }
    }
}
