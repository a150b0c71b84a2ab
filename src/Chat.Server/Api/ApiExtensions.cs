using System.Diagnostics;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Chat.Server.Api;

public static partial class ApiExtensions
{
    public const string RatePolicy = "api";
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>
    /// The REST API's settings, its key scheme, a policy per scope, its rate limit per key and its OpenAPI document.
    /// </summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiRequests>();
        services.AddScoped<Idempotency>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(ScopePolicy(scope), policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser().RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope));
        }

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RatePolicy, context =>
            {
                var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    KeyId(context.User)?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.RequestsPerWindow, Window = limits.RateWindow, QueueLimit = 0 });
            });
            o.OnRejected = async (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await ChatExceptionHandler.WriteAsync(rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(), rejected.HttpContext,
                    new ChatException(ErrorCodes.RateLimited, "Too many calls with this API key; retry later."));
            };
        });
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith(HubPaths.Api[1..], StringComparison.Ordinal) || path.StartsWith(HubPaths.AdminApiKeys[1..], StringComparison.Ordinal)
                    || path.StartsWith(HubPaths.AdminWebhooks[1..], StringComparison.Ordinal));
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "Chat API", Version = "v1", Description = "The REST API of Chat: see docs/api.md." };
                // The server's address differs per deployment (and per test run): clients give their own.
                document.Servers?.Clear();
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "An API key made by an administrator (POST /api/admin/api-keys).",
                    },
                    [HubPaths.AdminKeyHeader] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = HubPaths.AdminKeyHeader,
                        Description = "Chat:Admin:ApiKey, for the admin endpoints (or an Admin console session).",
                    },
                };
                foreach (var (path, item) in document.Paths)
                {
                    var scheme = path.StartsWith(HubPaths.AdminApiKeys, StringComparison.Ordinal) || path.StartsWith(HubPaths.AdminWebhooks, StringComparison.Ordinal)
                        ? HubPaths.AdminKeyHeader
                        : ApiKeyAuthenticationHandler.SchemeName;
                    foreach (var operation in item.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                    {
                        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];
                    }
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Before authentication: every <c>/api/v1</c> call is logged with its key's id (never the key), and its body is
    /// limited to <c>Chat:Api:MaxBodyBytes</c> (<c>413 payload_too_large</c>).
    /// </summary>
    public static IApplicationBuilder UseApi(this IApplicationBuilder app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(HubPaths.Api), api => api.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var logger = context.RequestServices.GetRequiredService<ILogger<ApiOptions>>();
            var status = StatusCodes.Status500InternalServerError;
            try
            {
                var max = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
                if (context.Request.ContentLength > max)
                {
                    await ChatExceptionHandler.WriteAsync(context.RequestServices.GetRequiredService<IProblemDetailsService>(), context,
                        new ChatException(ErrorCodes.PayloadTooLarge, $"A request body is at most {max} bytes."));
                }
                else
                {
                    if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    {
                        limit.MaxRequestBodySize = max;
                    }

                    await next(context);
                }

                status = context.Response.StatusCode;
            }
            catch (ChatException e)
            {
                status = ChatExceptionHandler.StatusOf(e.Code);
                throw;
            }
            catch (BadHttpRequestException e)
            {
                status = e.StatusCode;
                throw;
            }
            finally
            {
                LogCall(logger, context.Request.Method, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)",
                    status, KeyId(context.User), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return app;
    }

    /// <summary>After authorisation, when the key is known: the per-key rate limit.</summary>
    public static IApplicationBuilder UseApiRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>The <c>/api/v1</c> endpoints, the admin's API key and webhook endpoints and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(HubPaths.Api).RequireRateLimiting(RatePolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapConversationEndpoints();
        api.MapDirectoryEndpoints();
        endpoints.MapApiKeyEndpoints();
        endpoints.MapWebhookEndpoints();
        endpoints.MapOpenApi(DocumentPath);
        return endpoints;
    }

    public const string ScopePolicyPrefix = "api:";

    public static string ScopePolicy(string scope) => ScopePolicyPrefix + scope;

    /// <summary>The id of the API key that authenticated the call, or null.</summary>
    public static Guid? KeyId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ApiKeyAuthenticationHandler.KeyClaim), out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "API {Method} {Route} answered {StatusCode} for key {ApiKeyId} in {ElapsedMs:0.0} ms")]
    private static partial void LogCall(ILogger logger, string method, string route, int statusCode, Guid? apiKeyId, double elapsedMs);
}
