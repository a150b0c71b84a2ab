using Chat.Server.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Server.Demo;

/// <summary>The demo's settings, its any-hour switch and what the demo page asks of it.</summary>
public static class DemoExtensions
{
    public const string StatusPath = "/api/demo";

    /// <summary>
    /// Binds <c>Chat:Demo</c> (refusing <see cref="DemoOptions.AlwaysOpen"/> in Production) and, when the switch is on,
    /// puts <see cref="AlwaysOpenCalendar"/> in place of the policy's calendar. Call after the policy is added.
    /// </summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<DemoOptions>()
            .Bind(builder.Configuration.GetSection(DemoOptions.Section))
            .Validate(o => !(o.AlwaysOpen && production), $"{DemoOptions.Section}:AlwaysOpen: is for trying the demo outside office hours and is refused in Production")
            .ValidateOnStart();
        if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.AlwaysOpen)}"))
        {
            builder.Services.AddSingleton<OfficeCalendar>();
            builder.Services.Replace(ServiceDescriptor.Singleton<IOfficeCalendar, AlwaysOpenCalendar>());
        }

        return builder;
    }

    /// <summary><c>GET /api/demo</c>, only while the demo is seeded: <c>{ "alwaysOpen": bool }</c> for the demo page's notice.</summary>
    public static IEndpointRouteBuilder MapDemo(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value;
        if (options.Seed)
        {
            endpoints.MapGet(StatusPath, () => TypedResults.Ok(new DemoStatus(options.AlwaysOpen))).AllowAnonymous();
        }

        return endpoints;
    }
}

/// <summary>What the demo page shows: whether <see cref="DemoOptions.AlwaysOpen"/> is on.</summary>
public sealed record DemoStatus(bool AlwaysOpen);
