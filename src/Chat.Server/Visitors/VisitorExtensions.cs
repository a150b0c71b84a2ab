using Chat.Contracts;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Visitors;

public static class VisitorExtensions
{
    /// <summary>Visitor sessions: their options, the session and host-site identity tokens and the visitor authentication scheme.</summary>
    public static IServiceCollection AddVisitors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VisitorOptions>().Bind(configuration.GetSection(VisitorOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.DefaultNames.Values.All(n => !string.IsNullOrWhiteSpace(n) && n.Length <= 100),
                "Chat:Visitors:DefaultNames: every name must be 1 to 100 characters.")
            .ValidateOnStart();
        services.AddOptions<HostIdentityOptions>().Bind(configuration.GetSection(HostIdentityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HostIdentityOptions>, HostIdentityOptionsValidator>();
        services.AddSingleton<VisitorTokens>();
        services.AddSingleton<HostIdentityTokens>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, VisitorAuthenticationHandler>(VisitorAuthenticationHandler.SchemeName, null);
        return services;
    }

    /// <summary>The visitor session endpoint and the visitor hub.</summary>
    public static IEndpointRouteBuilder MapVisitors(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(HubPaths.VisitorSessions, async (VisitorSessionRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            Results.Ok(await mediator.Send(new StartVisitorSession(request.Name, request.Language, request.Token, request.IdentityToken), cancellationToken)));
        endpoints.MapHub<VisitorHub>(HubPaths.Visitor);
        return endpoints;
    }
}
