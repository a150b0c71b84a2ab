using System.Security.Claims;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Hosting;

/// <summary>
/// SignalR users are staff logins (the inbox and handoffs are sent to a login). A visitor connection has no user: nothing
/// is addressed to a visitor as a user, and on the Redis backplane each user costs every node a channel subscription.
/// </summary>
public sealed class StaffUserIds : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.User.FindFirstValue(Caller.KindClaim) == nameof(SenderKind.Visitor) ? null : connection.User.FindFirstValue(ClaimTypes.NameIdentifier);
}
