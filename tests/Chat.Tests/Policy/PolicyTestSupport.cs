using System.Globalization;
using System.Text;
using Chat.Server.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Policy;

/// <summary>Builds the policy service the way the server does, from the server's own appsettings.json or another configuration.</summary>
internal static class PolicyTestSupport
{
    /// <summary>Moscow is UTC+3 all year.</summary>
    public static readonly TimeSpan MoscowOffset = TimeSpan.FromHours(3);

    private static readonly Lazy<PolicyParts> CompanyPolicy = new(() => Build(CompanyConfiguration()));

    /// <summary>The company's regulation: the defaults shipped in src/Chat.Server/appsettings.json.</summary>
    public static PolicyParts Company => CompanyPolicy.Value;

    /// <summary>The server's appsettings.json, optionally with settings laid over it.</summary>
    public static IConfiguration CompanyConfiguration(IReadOnlyDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(ServerAppSettings(), optional: false)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    /// <summary>A configuration from a JSON document.</summary>
    public static IConfiguration JsonConfiguration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    /// <summary>The policy as the server registers it (<see cref="PolicyExtensions.AddPolicy"/>), start-up validation included.</summary>
    public static PolicyParts Build(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddPolicy(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
        return new PolicyParts(
            services.GetRequiredService<IOfficeCalendar>(),
            services.GetRequiredService<IVisitorTexts>(),
            services.GetRequiredService<IConsultantRouting>(),
            services.GetRequiredService<ITopicCatalogue>(),
            services.GetRequiredService<ITrainingReferral>(),
            services.GetRequiredService<PublicPolicyView>());
    }

    /// <summary>
    /// What start-up validation says about a configuration, or null when it passes. A value the binder cannot read
    /// fails with nested exceptions, which the server prints whole; the innermost one names the setting.
    /// </summary>
    public static string? StartupFailure(IConfiguration configuration)
    {
        using var services = new ServiceCollection().AddPolicy(configuration).BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
        catch (InvalidOperationException e)
        {
            var messages = new List<string>();
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
            {
                messages.Add(inner.Message);
            }

            return string.Join(" ", messages);
        }
    }

    /// <summary>A Moscow wall-clock time, "yyyy-MM-dd HH:mm[:ss]", as an instant.</summary>
    public static DateTimeOffset Moscow(string local) => new(ParseLocal(local), MoscowOffset);

    /// <summary>A wall-clock time in any zone as an instant.</summary>
    public static DateTimeOffset In(TimeZoneInfo zone, string local)
    {
        var time = ParseLocal(local);
        return new DateTimeOffset(time, zone.GetUtcOffset(time));
    }

    private static DateTime ParseLocal(string local) =>
        DateTime.ParseExact(local, ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static string ServerAppSettings()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Chat.Server", "appsettings.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/Chat.Server/appsettings.json was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Each part of one policy, resolved from the services the server registers.</summary>
internal sealed record PolicyParts(
    IOfficeCalendar Calendar,
    IVisitorTexts Texts,
    IConsultantRouting Routing,
    ITopicCatalogue Topics,
    ITrainingReferral Referral,
    PublicPolicyView PublicView);
