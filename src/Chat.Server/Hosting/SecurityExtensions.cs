using Chat.Contracts;
using Microsoft.Extensions.Options;

namespace Chat.Server.Hosting;

public static class SecurityExtensions
{
    private const string VisitorCors = "visitor";

    public static IServiceCollection AddChatSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConnectionGuard>();
        services.AddCors(o => o.AddPolicy(VisitorCors, policy => policy
            .WithOrigins(configuration.GetSection($"{SecurityOptions.Section}:{nameof(SecurityOptions.AllowedOrigins)}").Get<string[]>() ?? [])
            .WithMethods("GET", "POST")
            .WithHeaders("authorization", "content-type", "x-requested-with", "x-signalr-user-agent")));
        return services;
    }

    /// <summary>
    /// Security headers on every answer; the origin allow-list on the hubs and the APIs (browsers do
    /// not apply CORS to WebSockets, so cross-site WebSocket hijacking is stopped here); a clean
    /// refusal of new hub connections when the node or the address is at its limit.
    /// </summary>
    public static IApplicationBuilder UseChatSecurity(this IApplicationBuilder app)
    {
        // Not an async lambda: a held WebSocket request would keep its state machine (0.1 KB per widget).
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

            var refusal = RefuseOrigin(context) ?? RefuseNegotiate(context);
            if (refusal is null)
            {
                return next(context);
            }

            context.Response.StatusCode = refusal == ErrorCodes.ServerFull ? StatusCodes.Status503ServiceUnavailable
                : refusal == ErrorCodes.RateLimited ? StatusCodes.Status429TooManyRequests
                : StatusCodes.Status403Forbidden;
            return context.Response.WriteAsJsonAsync(new { code = refusal, title = "Refused." }, options: null, contentType: "application/problem+json");
        });
        app.UseCors(VisitorCors);
        return app;
    }

    private static string? RefuseOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || string.Equals(origin, $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var path = context.Request.Path;
        var forVisitors = path.StartsWithSegments(HubPaths.Visitor) || path.StartsWithSegments("/api/visitor") || path.StartsWithSegments("/api/policy");
        var allowed = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins;
        if (forVisitors && allowed.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return path.StartsWithSegments("/hubs") || path.StartsWithSegments("/api") ? ErrorCodes.ForbiddenOrigin : null;
    }

    private static string? RefuseNegotiate(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/hubs") && context.Request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal)
            ? context.RequestServices.GetRequiredService<ConnectionGuard>().RefuseConnection(context.Connection.RemoteIpAddress)
            : null;
}
