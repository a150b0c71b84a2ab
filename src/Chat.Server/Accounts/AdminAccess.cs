using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Server.Accounts;

/// <summary>Who may call an admin endpoint or read the metrics: the admin key in <c>X-Admin-Key</c>, or a console session with one of the roles.</summary>
public static class AdminAccess
{
    /// <summary>The admin key, or an Admin or Supervisor session: the import endpoints.</summary>
    public static ValueTask<object?> RequireAdminOrSupervisorAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Demand(context.HttpContext, StaffRole.Admin, StaffRole.Supervisor);
        return next(context);
    }

    /// <summary>The admin key, or an Admin session: API keys.</summary>
    public static ValueTask<object?> RequireAdminAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Demand(context.HttpContext, StaffRole.Admin);
        return next(context);
    }

    /// <summary>Who the admin is, for the record: the signed-in login, or <c>admin-key</c>.</summary>
    public static string Actor(HttpContext context) => context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "admin-key";

    /// <summary>Returns when <paramref name="http"/> carries the admin key or a session with one of <paramref name="roles"/>; throws <c>unauthenticated</c> without any credential, <c>forbidden</c> with a wrong one.</summary>
    public static void Demand(HttpContext http, params StaffRole[] roles)
    {
        ArgumentNullException.ThrowIfNull(http);
        var key = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
        var given = http.Request.Headers[HubPaths.AdminKeyHeader].ToString();
        var byKey = key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
        if (byKey || roles.Any(role => http.User.IsInRole(role.ToString())))
        {
            return;
        }

        throw http.User.FindFirstValue(ClaimTypes.NameIdentifier) is null && given.Length == 0
            ? new ChatException(ErrorCodes.Unauthenticated, "Send the admin key in X-Admin-Key or sign in as an administrator.")
            : new ChatException(ErrorCodes.Forbidden, $"This admin endpoint needs the admin key or the {string.Join(" or ", roles)} role.");
    }
}
