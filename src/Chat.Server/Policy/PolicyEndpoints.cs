using System.Globalization;
using Chat.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

public static class PolicyEndpoints
{
    /// <summary>Binds <c>Chat:Policy</c>, validates it at start-up and registers <see cref="IConsultationPolicy"/>.</summary>
    public static IServiceCollection AddPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>()
            .Bind(configuration.GetSection(PolicyOptions.Section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicyOptions>, PolicyOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IConsultationPolicy, ConsultationPolicy>();
        return services;
    }

    /// <summary><c>GET /api/policy/public?lang=ru|en</c>: anonymous and cacheable, read by the widget at start.</summary>
    public static IEndpointRouteBuilder MapPolicy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PolicyPaths.Public, (string? lang, IConsultationPolicy policy, TimeProvider clock, IOptions<PolicyOptions> options, HttpResponse response) =>
        {
            response.Headers.CacheControl = $"public, max-age={options.Value.PublicCacheSeconds.ToString(CultureInfo.InvariantCulture)}";
            return TypedResults.Ok(Describe(policy, clock.GetUtcNow(), lang));
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The public view of the policy at <paramref name="now"/> in the requested language.</summary>
    public static PublicPolicy Describe(IConsultationPolicy policy, DateTimeOffset now, string? language)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var lang = policy.ResolveLanguage(language);
        var status = policy.OfficeStatus(now);
        var texts = policy.Texts(lang);
        return new PublicPolicy(
            status.IsOpen,
            status.Reason,
            status.NextOpenAt,
            policy.TimeZone.Id,
            lang,
            policy.Languages,
            new PublicHours(
                policy.OfficeHours.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
                policy.OfficeHours.End.ToString("HH:mm", CultureInfo.InvariantCulture),
                policy.WorkingDays),
            [.. policy.Topics.Select(t => new PublicTopic(t.Key, t.Label.In(lang), t.IsRedirected, policy.RedirectFor(t, lang)?.Message))],
            [.. policy.Tariffs.Select(t => new PublicTariff(t.Key, t.Label.In(lang), t.Channels, t.ContactBy))],
            new PublicContacts(policy.SharedMailbox, policy.CommunityUrl, policy.NoAnswerDepartment.Email, policy.NoAnswerSubject(lang)),
            new PublicTexts(
                texts.Greeting,
                texts.AskIfClient,
                texts.AskAccount,
                texts.HandoffByEmail,
                texts.HandoffByPhone,
                texts.HandoffByPhoneOrEmail,
                policy.OfflineNotice(now, lang),
                policy.NoAnswerMessage(lang)));
    }
}
