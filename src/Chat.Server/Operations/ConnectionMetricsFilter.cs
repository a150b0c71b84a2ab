using Chat.Server.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Operations;

/// <summary>Counts the hub connections this node holds (<c>chat.connections</c>), by hub: <c>visitor</c>, <c>agent</c>.</summary>
public sealed class ConnectionMetricsFilter(ChatMetrics metrics) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        ConnectionState.Of(context.Context).Counted = true;
        metrics.Connected(HubName(context.Hub));
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        var state = ConnectionState.Of(context.Context);
        if (state.Counted)
        {
            state.Counted = false;
            metrics.Disconnected(HubName(context.Hub));
        }

        await next(context, exception);
    }

    /// <summary><c>VisitorHub</c> → <c>visitor</c>.</summary>
    private static string HubName(Hub hub) => hub.GetType().Name.Replace("Hub", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
