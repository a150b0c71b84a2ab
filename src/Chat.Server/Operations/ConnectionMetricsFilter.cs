using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Operations;

/// <summary>Counts the hub connections this node holds (<c>chat.connections</c>), by hub: <c>visitor</c>, <c>agent</c>.</summary>
public sealed class ConnectionMetricsFilter(ChatMetrics metrics) : IHubFilter
{
    private const string CountedKey = "chat:counted";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        context.Context.Items[CountedKey] = true;
        metrics.Connected(HubName(context.Hub));
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items.Remove(CountedKey))
        {
            metrics.Disconnected(HubName(context.Hub));
        }

        await next(context, exception);
    }

    /// <summary><c>VisitorHub</c> → <c>visitor</c>.</summary>
    private static string HubName(Hub hub) => hub.GetType().Name.Replace("Hub", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
