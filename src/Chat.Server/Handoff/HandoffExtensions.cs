using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

public static class HandoffExtensions
{
    /// <summary>Identification, routing and the handoff lifecycle; the limiter of identification attempts.</summary>
    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandoffOptions>().Bind(configuration.GetSection(HandoffOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidator>();
        services.AddSingleton<IdentificationLimiter>();
        services.AddSingleton<HandoffNotifier>();
        services.AddScoped<HandoffRouter>();
        services.AddScoped<HandoffDesk>();
        return services;
    }
}
