namespace Chat.Server.Hosting;

/// <summary>
/// Wakes a background loop early. The loop takes <see cref="Next"/> before it works and waits on it (or its
/// interval) after, so a <see cref="Set"/> that arrives while it works is not lost.
/// </summary>
public sealed class Wakeup
{
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref next).Task;

    public void Set() => Interlocked.Exchange(ref next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits until <paramref name="woken"/> completes or <paramref name="interval"/> passes on <paramref name="clock"/>.</summary>
    public static async Task WaitAsync(Task woken, TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken) =>
        await Task.WhenAny(woken, Task.Delay(interval, clock, cancellationToken));
}
