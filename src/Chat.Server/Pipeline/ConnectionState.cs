using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Pipeline;

/// <summary>
/// What the server keeps with one hub connection between its calls, in one object set as a feature of the connection:
/// the connection's <c>Items</c> would be a concurrent dictionary of its own on every held widget (~0.6 KB).
/// SignalR runs a connection's <c>OnConnected</c> before its calls and its <c>OnDisconnected</c> after them, so the state is
/// made on the first of them. The agent hub's calls may overlap (<see cref="CallOrder"/>): what a call changes here is
/// either the same whichever call sets it or locked where it is changed.
/// </summary>
public sealed class ConnectionState
{
    /// <summary>The caller, read from the connection's principal once.</summary>
    public Caller? Caller { get; set; }

    /// <summary>What <see cref="Hosting.ConnectionGuard"/> holds for the connection while it is counted.</summary>
    public Hosting.ConnectionGuard.Limits? Limits { get; set; }

    /// <summary>The guard has logged that this connection's calls are being limited.</summary>
    public bool CallsLimitedLogged { get; set; }

    /// <summary>The connection is in the <c>chat.connections</c> count.</summary>
    public bool Counted { get; set; }

    /// <summary>
    /// When each refusal code was last logged for this connection (made on the first refusal; read and changed under a
    /// lock on this state).
    /// </summary>
    public Dictionary<string, long>? LoggedRefusals { get; set; }

    /// <summary>The order of the connection's calls, on a hub whose calls may overlap (made when it connects).</summary>
    public CallOrder? Calls { get; set; }

    public static ConnectionState Of(HubCallerContext context)
    {
        if (context.Features.Get<ConnectionState>() is { } state)
        {
            return state;
        }

        state = new ConnectionState();
        context.Features.Set(state);
        return state;
    }
}
