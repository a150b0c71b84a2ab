using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Pipeline;

/// <summary>
/// Calls of this hub method on one connection may run beside each other: an agent's sends into several conversations are
/// then stored in one write batch instead of each waiting for the commit of the one before.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OverlappingAttribute : Attribute;

/// <summary>
/// The order of one connection's calls on a hub that lets several run at once: <see cref="OverlappingAttribute"/> calls
/// overlap one another, and every other call waits for all the calls that came before it and holds back all that come
/// after it. So a connection behaves as if it ran its calls one at a time, except that its sends do not wait for each
/// other. SignalR starts a connection's calls in the order they arrive and each runs to this point without yielding, so
/// the order here is the arrival order.
/// </summary>
public sealed class CallOrder
{
    private readonly List<Task> overlapping = [];
    private Task lastAlone = Task.CompletedTask;

    public async ValueTask<T> RunAsync<T>(bool overlaps, Func<ValueTask<T>> call)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task before;
        lock (overlapping)
        {
            overlapping.RemoveAll(static t => t.IsCompleted);
            if (overlaps)
            {
                before = lastAlone;
                overlapping.Add(done.Task);
            }
            else
            {
                before = overlapping.Count == 0 ? lastAlone : Task.WhenAll([lastAlone, .. overlapping]);
                lastAlone = done.Task;
                overlapping.Clear();
            }
        }

        try
        {
            await before;
            return await call();
        }
        finally
        {
            done.SetResult();
        }
    }
}

/// <summary>Runs a hub's calls in their connection's <see cref="CallOrder"/>; the hub's options let several run at once.</summary>
public sealed class CallOrderFilter : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> Overlaps = new();

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var overlaps = Overlaps.GetOrAdd(invocationContext.HubMethod, static m => m.IsDefined(typeof(OverlappingAttribute), inherit: false));
        return ConnectionState.Of(invocationContext.Context).Calls!.RunAsync(overlaps, () => next(invocationContext));
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ConnectionState.Of(context.Context).Calls = new CallOrder();
        return next(context);
    }
}
