using System.Security.Claims;
using Chat.Contracts;
using Chat.Server.Hosting;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Chat.Server.Visitors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Agents;

public static class AgentExtensions
{
    /// <summary>
    /// The default scheme: a request to the visitor hub is the visitor scheme's alone, every other one the console's
    /// cookie. A widget's WebSocket request is held as long as the widget is open, with whatever authenticated it: the
    /// cookie handler it would never use, with its response callback and the cookies feature, cost each held widget ~0.5 KB.
    /// </summary>
    public const string DefaultScheme = "Chat";

    /// <summary>Staff password hashing, the console's sign-in cookie and authorisation.</summary>
    public static IServiceCollection AddAgents(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<StaffMember>, PasswordHasher<StaffMember>>();
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments(HubPaths.Visitor) ? VisitorAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "chat.agent";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>Console sign-in and sign-out, the signed-in agent's profile and the agent hub.</summary>
    public static IEndpointRouteBuilder MapAgents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubPaths.AgentSignIn, SignInAsync);
        endpoints.MapPost(HubPaths.AgentSignOut, async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });
        endpoints.MapGet(HubPaths.AgentMe, async (ClaimsPrincipal user, ChatDbContext db, CancellationToken cancellationToken) =>
        {
            var login = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == login && s.IsActive, cancellationToken);
            return staff is null ? Results.Unauthorized() : Results.Ok(ToProfile(staff));
        }).RequireAuthorization();
        endpoints.MapHub<AgentHub>(HubPaths.Agent);
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(
        AgentSignInRequest request,
        HttpContext context,
        ChatDbContext db,
        IPasswordHasher<StaffMember> hasher,
        IOptions<SecurityOptions> security,
        TimeProvider clock,
        ILogger<AgentHub> logger,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var login = request.Login?.Trim().ToLowerInvariant() ?? string.Empty;
        var staff = await db.Staff.SingleOrDefaultAsync(s => s.Login == login && s.IsActive, cancellationToken);
        if (staff?.LockedUntil > now)
        {
            throw new ChatException(ErrorCodes.LockedOut, "Too many failed sign-ins; try again later.");
        }

        if (staff is null || string.IsNullOrEmpty(request.Password)
            || hasher.VerifyHashedPassword(staff, staff.PasswordHash, request.Password) == PasswordVerificationResult.Failed)
        {
            if (staff is not null && ++staff.FailedSignIns >= security.Value.MaxFailedSignIns)
            {
                staff.FailedSignIns = 0;
                staff.LockedUntil = now + security.Value.LockoutDuration;
                AgentLog.LockedOut(logger, staff.Login);
            }

            await db.SaveChangesAsync(cancellationToken);
            AgentLog.SignInFailed(logger, staff?.Login ?? AgentLog.UnknownLogin(login));
            throw new ChatException(ErrorCodes.InvalidCredentials, "Wrong login or password.");
        }

        staff.FailedSignIns = 0;
        staff.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, staff.Login),
                new Claim(ClaimTypes.Name, staff.DisplayName),
                new Claim(ClaimTypes.Role, staff.Role.ToString()),
                new Claim(Caller.KindClaim, nameof(SenderKind.Agent)),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.Ok(ToProfile(staff));
    }

    private static AgentProfile ToProfile(StaffMember staff) => new(staff.Login, staff.DisplayName, staff.Role.ToString(), staff.Department);
}
