namespace Chat.Server.OfflineQueue;

/// <summary>The embedded default: the queue of the one node in memory, filled from the database at start-up.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the conventions name the capability IOfflineQueue.")]
public sealed class InProcessOfflineQueue(TimeProvider clock) : IOfflineQueue
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Guid>> waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (string Target, DateTimeOffset? HandedOutAt)> items = [];

    public Task EnqueueAsync(Guid itemId, string target, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (items.TryAdd(itemId, (target, null)))
            {
                Waiting(target).Add(itemId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Guid>> TakeAsync(string target, string consumer, int max, TimeSpan redeliverAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var taken = items
                .Where(i => i.Value.Target == target && i.Value.HandedOutAt is { } at && now - at >= redeliverAfter)
                .OrderBy(i => i.Value.HandedOutAt)
                .Select(i => i.Key)
                .Take(max)
                .ToList();
            var queue = Waiting(target);
            var fresh = queue.Take(max - taken.Count).ToList();
            queue.RemoveRange(0, fresh.Count);
            taken.AddRange(fresh);
            foreach (var id in taken)
            {
                items[id] = (target, now);
            }

            return Task.FromResult<IReadOnlyList<Guid>>(taken);
        }
    }

    public Task RemoveAsync(Guid itemId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (items.Remove(itemId, out var item))
            {
                Waiting(item.Target).Remove(itemId);
            }
        }

        return Task.CompletedTask;
    }

    private List<Guid> Waiting(string target)
    {
        if (!waiting.TryGetValue(target, out var queue))
        {
            waiting[target] = queue = [];
        }

        return queue;
    }
}
