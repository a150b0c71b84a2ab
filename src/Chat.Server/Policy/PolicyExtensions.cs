using System.Globalization;
using Chat.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

public static class PolicyExtensions
{
    /// <summary>Binds <c>Chat:Policy</c>, validates it at start-up and registers each part of the policy.</summary>
    public static IServiceCollection AddPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>()
            .Bind(configuration.GetSection(PolicyOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IOfficeCalendar, OfficeCalendar>();
        services.AddSingleton<IVisitorTexts, VisitorTexts>();
        services.AddSingleton<IConsultantRouting, ConsultantRouting>();
        services.AddSingleton<ITopicCatalogue, TopicCatalogue>();
        services.AddSingleton<ITrainingReferral, TrainingReferral>();
        services.AddSingleton<PublicPolicyView>();
        return services;
    }

    /// <summary><c>GET /api/policy/public?lang=ru|en</c>: anonymous and cacheable, read by the widget at start.</summary>
    public static IEndpointRouteBuilder MapPolicy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PolicyPaths.Public, (string? lang, PublicPolicyView view, TimeProvider clock, IOptions<PolicyOptions> options, HttpResponse response) =>
        {
            response.Headers.CacheControl = $"public, max-age={options.Value.PublicCacheSeconds.ToString(CultureInfo.InvariantCulture)}";
            return TypedResults.Ok(view.Describe(clock.GetUtcNow(), lang));
        }).AllowAnonymous();
        return endpoints;
    }
}
