using Microsoft.Extensions.Configuration;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>A broken policy stops the server at start-up with a message that names the setting.</summary>
[Trait("Area", "Policy")]
public sealed class StartupValidationTests
{
    public static TheoryData<string, string, string?, string> BrokenSettings => new()
    {
        { "inverted hours", "Chat:Policy:Hours:Open", "20:00", "Chat:Policy:Hours:Open" },
        { "closing before opening", "Chat:Policy:Hours:Close", "08:00", "Chat:Policy:Hours:Close 08:00" },
        { "empty hours", "Chat:Policy:Hours:Close", "09:00", "Chat:Policy:Hours:Open" },
        { "an unknown time zone", "Chat:Policy:Hours:TimeZone", "Mars/Olympus_Mons", "Chat:Policy:Hours:TimeZone" },
        { "no time zone", "Chat:Policy:Hours:TimeZone", "", "Chat:Policy:Hours:TimeZone" },
        { "a moved working day that is also a holiday", "Chat:Policy:Hours:ExtraWorkingDays:0", "2026-11-04", "Chat:Policy:Hours:ExtraWorkingDays" },
        { "a tariff without a consultant route", "Chat:Policy:Tariffs:start:Consultant", "", "Chat:Policy:Tariffs:start:Consultant" },
        { "a tariff without a pool", "Chat:Policy:Tariffs:business:Pool", "", "Chat:Policy:Tariffs:business:Pool" },
        { "a tariff routed to a missing department", "Chat:Policy:Tariffs:start:Pool", "helpdesk", "Chat:Policy:Tariffs:start:Pool" },
        { "a tariff contacted by phone without the phone channel", "Chat:Policy:Tariffs:start:ContactBy:1", "Phone", "Chat:Policy:Tariffs:start:ContactBy" },
        { "a call-back without the phone channel", "Chat:Policy:Tariffs:start:Channels:2", "CallBack", "Chat:Policy:Tariffs:start:Channels" },
        { "a new tariff with nothing but a name", "Chat:Policy:Tariffs:gold:Labels:ru", "Золото", "Chat:Policy:Tariffs:gold:Consultant" },
        { "a topic routed to a department that does not exist", "Chat:Policy:Topics:5:RedirectTo", "legal", "Chat:Policy:Topics:5:RedirectTo" },
        { "a topic routed to a department without a redirect message", "Chat:Policy:Topics:0:RedirectTo", "sales", "Chat:Policy:Topics:0:RedirectTo" },
        { "two topics with one key", "Chat:Policy:Topics:1:Key", "contract", "Chat:Policy:Topics:1:Key" },
        { "a topic without an English label", "Chat:Policy:Topics:0:Labels:en", "", "Chat:Policy:Topics:0:Labels:en" },
        { "an empty keyword", "Chat:Policy:Topics:0:Keywords:ru:0", " ", "Chat:Policy:Topics:0:Keywords:ru:0" },
        { "a negative request threshold", "Chat:Policy:TrainingReferral:RequestsAbove", "-1", "Chat:Policy:TrainingReferral:RequestsAbove" },
        { "a negative minutes threshold", "Chat:Policy:TrainingReferral:MinutesAbove", "-60", "Chat:Policy:TrainingReferral:MinutesAbove" },
        { "a missing threshold", "Chat:Policy:TrainingReferral:MinutesAbove", "", "Chat:Policy:TrainingReferral:MinutesAbove" },
        { "a referral to a missing department", "Chat:Policy:TrainingReferral:Department", "hr", "Chat:Policy:TrainingReferral:Department" },
        { "a default language without texts", "Chat:Policy:DefaultLanguage", "de", "Chat:Policy:DefaultLanguage" },
        { "a language without texts", "Chat:Policy:Languages:2", "de", "Chat:Policy:Texts:de" },
        { "a language without labels", "Chat:Policy:Languages:2", "de", "Chat:Policy:Departments:sales:Labels:de" },
        { "an empty text", "Chat:Policy:Texts:en:Greeting", "", "Chat:Policy:Texts:en:Greeting" },
        { "a misspelt placeholder", "Chat:Policy:Texts:ru:LongerWork", "Ответим до {when}", "Chat:Policy:Texts:ru:LongerWork" },
        { "a date form without day names", "Chat:Policy:Texts:ru:LongerWork", "Ответим до {due:dative}", "Chat:Policy:Texts:ru:LongerWork: the form \"dative\"" },
        { "day names missing a day", "Chat:Policy:Texts:ru:DayNames:Genitive:Sunday", "", "Chat:Policy:Texts:ru:DayNames:Genitive" },
        { "a shared mailbox that is no address", "Chat:Policy:SharedMailbox", "info at example", "Chat:Policy:SharedMailbox" },
        { "support without an address", "Chat:Policy:Departments:support:Email", "", "Chat:Policy:NoAnswer:Department" },
        { "a community that is no address", "Chat:Policy:NoAnswer:CommunityUrl", "the Telegram channel", "Chat:Policy:NoAnswer:CommunityUrl" },
        { "a negative cache lifetime", "Chat:Policy:PublicCacheSeconds", "-1", "Chat:Policy:PublicCacheSeconds" },
    };

    [Fact]
    public void The_company_regulation_shipped_in_appsettings_is_a_valid_policy() =>
        Assert.Null(StartupFailure(CompanyConfiguration()));

    [Theory]
    [MemberData(nameof(BrokenSettings))]
    public void A_broken_setting_stops_the_start_with_a_message_naming_it(string broken, string key, string? value, string named)
    {
        var failure = StartupFailure(CompanyConfiguration(new Dictionary<string, string?> { [key] = value }));

        Assert.NotNull(failure);
        Assert.True(failure.Contains(named, StringComparison.Ordinal), $"{broken}: \"{failure}\" does not name {named}");
    }

    [Theory]
    [InlineData("Chat:Policy:Hours:Open", "25:00", "Chat:Policy:Hours:Open")]
    [InlineData("Chat:Policy:Hours:WorkingDays:0", "Funday", "Chat:Policy:Hours:WorkingDays:0")]
    [InlineData("Chat:Policy:Hours:Holidays:0", "2026-02-30", "Chat:Policy:Hours:Holidays:0")]
    [InlineData("Chat:Policy:Tariffs:start:Channels:0", "Pigeon", "Chat:Policy:Tariffs:start:Channels:0")]
    [InlineData("Chat:Policy:TrainingReferral:RequestsAbove", "five", "Chat:Policy:TrainingReferral:RequestsAbove")]
    [InlineData("Chat:Policy:Hours:Opn", "09:00", "'Opn'")]
    public void A_value_that_cannot_be_read_or_an_unknown_setting_stops_the_start_with_its_name(string key, string value, string named)
    {
        var failure = StartupFailure(CompanyConfiguration(new Dictionary<string, string?> { [key] = value }));

        Assert.NotNull(failure);
        Assert.True(failure.Contains(named, StringComparison.Ordinal), $"\"{failure}\" does not name {named}");
    }

    [Fact]
    public void Every_failure_is_reported_at_once()
    {
        var failure = StartupFailure(CompanyConfiguration(new Dictionary<string, string?>
        {
            ["Chat:Policy:Hours:TimeZone"] = "Nowhere/Town",
            ["Chat:Policy:TrainingReferral:RequestsAbove"] = "-5",
        }));

        Assert.NotNull(failure);
        Assert.Contains("Chat:Policy:Hours:TimeZone", failure, StringComparison.Ordinal);
        Assert.Contains("Chat:Policy:TrainingReferral:RequestsAbove", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_variable_overrides_a_policy_setting_the_usual_ASP_NET_way()
    {
        const string prefix = "CHAT_POLICY_TEST_";
        Environment.SetEnvironmentVariable(prefix + "Chat__Policy__Hours__Open", "10:00");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(CompanyConfiguration())
                .AddEnvironmentVariables(prefix)
                .Build();

            var policy = Build(configuration);

            Assert.Equal(new TimeOnly(10, 0), policy.Calendar.OfficeHours.Start);
            Assert.False(policy.Calendar.IsOfficeOpen(Moscow("2026-11-25 09:30")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Chat__Policy__Hours__Open", null);
        }
    }
}
