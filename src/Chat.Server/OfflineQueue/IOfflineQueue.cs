namespace Chat.Server.OfflineQueue;

/// <summary>
/// The delivery side of the offline queue: which queued item ids go to which consumer now. The database
/// holds the items and their state; this only hands out ids, at least once, and can always be rebuilt from
/// the database by enqueuing every item that is not acknowledged (enqueueing is idempotent).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the conventions name the capability IOfflineQueue.")]
public interface IOfflineQueue
{
    /// <summary>Puts the item on <paramref name="target"/>'s queue unless it is already waiting or out for delivery there.</summary>
    Task EnqueueAsync(Guid itemId, string target, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> item ids of <paramref name="target"/> for <paramref name="consumer"/>: first those
    /// handed out more than <paramref name="redeliverAfter"/> ago and still not removed, then new ones. Each id
    /// returned stays out for delivery (and is not handed out again) until it is removed or that time passes.
    /// </summary>
    Task<IReadOnlyList<Guid>> TakeAsync(string target, string consumer, int max, TimeSpan redeliverAfter, CancellationToken cancellationToken);

    /// <summary>Forgets the item wherever it waits (acknowledged, or moved to another target).</summary>
    Task RemoveAsync(Guid itemId, CancellationToken cancellationToken);
}
