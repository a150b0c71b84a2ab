using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Server.Accounts;

/// <summary>Who may call the admin API and read the metrics: the admin key in <c>X-Admin-Key</c>, or a console session with the Admin or Supervisor role.</summary>
public static class AdminAccess
{
    /// <summary>Returns when <paramref name="http"/> may; throws <c>unauthenticated</c> without any credential, <c>forbidden</c> with a wrong one.</summary>
    public static void Demand(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var key = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
        var given = http.Request.Headers[HubPaths.AdminKeyHeader].ToString();
        var byKey = key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
        var byRole = http.User.IsInRole(nameof(StaffRole.Admin)) || http.User.IsInRole(nameof(StaffRole.Supervisor));
        if (byKey || byRole)
        {
            return;
        }

        throw http.User.FindFirstValue(ClaimTypes.NameIdentifier) is null && given.Length == 0
            ? new ChatException(ErrorCodes.Unauthenticated, "Send the admin key in X-Admin-Key or sign in as an administrator.")
            : new ChatException(ErrorCodes.Forbidden, "The admin API needs the admin key or the Admin or Supervisor role.");
    }
}
