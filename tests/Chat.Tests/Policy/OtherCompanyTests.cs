using Chat.Contracts;
using Chat.Server.Policy;
using Microsoft.Extensions.Time.Testing;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>Another company runs the same service with its own hours, zone, tariffs, topics, thresholds and languages: configuration only.</summary>
[Trait("Area", "Policy")]
public sealed class OtherCompanyTests
{
    private const string BerlinPolicy = """
    {
      "Chat": {
        "Policy": {
          "Languages": ["de", "en"],
          "DefaultLanguage": "de",
          "Hours": {
            "TimeZone": "Europe/Berlin",
            "Open": "08:00",
            "Close": "17:00",
            "WorkingDays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
            "Holidays": ["2026-12-24", "2026-12-25"],
            "ExtraWorkingDays": ["2026-12-19"]
          },
          "Departments": {
            "helpdesk": { "Labels": { "de": "Helpdesk", "en": "Helpdesk" } },
            "accounts": { "Labels": { "de": "Kundenbetreuung", "en": "Account management" } },
            "it": {
              "Labels": { "de": "IT-Betrieb", "en": "IT operations" },
              "Email": "it@berlin.example",
              "Redirect": { "de": "Für {topic} ist {department} zuständig: {email}", "en": "{department} handles {topic}: {email}" }
            }
          },
          "SharedMailbox": "hallo@berlin.example",
          "Tariffs": {
            "basic": { "Labels": { "de": "Basis", "en": "Basic" }, "Consultant": "Pool", "Pool": "helpdesk", "Channels": ["Chat", "Email"], "ContactBy": ["Email"] },
            "pro": { "Labels": { "de": "Profi", "en": "Pro" }, "Consultant": "PersonalManager", "Pool": "accounts", "Channels": ["Chat", "Email", "Phone"], "ContactBy": ["Phone"] }
          },
          "Topics": [
            { "Key": "billing", "Labels": { "de": "Rechnungen", "en": "Billing" }, "Keywords": { "de": ["rechnung", "zahlung"], "en": ["invoice", "payment"] } },
            { "Key": "hosting", "Labels": { "de": "Hosting", "en": "Hosting" }, "Keywords": { "de": ["server", "hosting"], "en": ["server", "hosting"] }, "RedirectTo": "it" }
          ],
          "NoAnswer": { "Department": "it", "CommunityUrl": "https://forum.berlin.example", "Subject": { "de": "Frage zur Funktion", "en": "Feature question" } },
          "TrainingReferral": { "RequestsAbove": 3, "MinutesAbove": 30, "WeekStartsOn": "Sunday", "Department": "accounts" },
          "Texts": {
            "de": {
              "Greeting": "Hallo! Wie können wir helfen?",
              "AskIfClient": "Sind Sie schon Kunde?",
              "AskAccount": "Bitte nennen Sie Ihr Konto und Ihre Telefonnummer.",
              "HandoffByEmail": "Danke! Wir antworten per E-Mail.",
              "HandoffByPhone": "Danke! Wir rufen Sie an.",
              "HandoffByPhoneOrEmail": "Danke! Wir melden uns per Telefon oder E-Mail.",
              "Offline": "Wir sind von {open} bis {close} Uhr da, wieder ab {nextOpen}.",
              "LongerWork": "Das dauert länger; Antwort bis {due}.",
              "NoAnswer": "Fragen Sie im Forum {community} oder schreiben Sie an {email}, Betreff „{subject}“.",
              "DateTimeFormat": "dd.MM.yyyy HH:mm",
              "TimeZone": "Berliner Zeit",
              "TransferredToColleague": "Ihre Frage ging an {name}.",
              "TransferredToDepartment": "Ihre Frage ging an {department}.",
              "ConversationClosed": "Das Gespräch ist beendet.",
              "AttachmentsRefused": "Nicht gespeicherte Anhänge: {files}."
            },
            "en": {
              "Greeting": "Hello! How can we help?",
              "AskIfClient": "Are you a customer?",
              "AskAccount": "Please give your account and phone number.",
              "HandoffByEmail": "Thanks! We will answer by e-mail.",
              "HandoffByPhone": "Thanks! We will call you.",
              "HandoffByPhoneOrEmail": "Thanks! We will call or write.",
              "Offline": "We are here {open}–{close}, back at {nextOpen}.",
              "LongerWork": "This takes longer; answer by {due}.",
              "NoAnswer": "Ask in the forum {community} or write to {email}, subject \"{subject}\".",
              "DateTimeFormat": "yyyy-MM-dd HH:mm",
              "TimeZone": "Berlin time",
              "TransferredToColleague": "Your question went to {name}.",
              "TransferredToDepartment": "Your question went to {department}.",
              "ConversationClosed": "The conversation has ended.",
              "AttachmentsRefused": "Attachments not kept: {files}."
            }
          },
          "PublicCacheSeconds": 30
        }
      }
    }
    """;

    private readonly PolicyParts policy = Build(JsonConfiguration(BerlinPolicy));

    private TimeZoneInfo Berlin => policy.Calendar.TimeZone;

    [Theory]
    [InlineData("2026-01-14 07:59:59", false, OfficeReason.ClosedHours)]
    [InlineData("2026-01-14 08:00:00", true, OfficeReason.Open)]
    [InlineData("2026-01-14 16:59:59", true, OfficeReason.Open)]
    [InlineData("2026-01-14 17:00:00", false, OfficeReason.ClosedHours)]
    [InlineData("2026-07-15 08:00:00", true, OfficeReason.Open)]
    [InlineData("2026-07-15 17:00:00", false, OfficeReason.ClosedHours)]
    [InlineData("2026-12-19 10:00:00", true, OfficeReason.Open)]
    [InlineData("2026-12-24 10:00:00", false, OfficeReason.Holiday)]
    [InlineData("2026-12-26 10:00:00", false, OfficeReason.ClosedDay)]
    public void Office_hours_are_08_00_to_17_00_Berlin_time_in_winter_and_in_summer(string berlin, bool open, OfficeReason reason)
    {
        var clock = new FakeTimeProvider(In(Berlin, berlin));

        var status = policy.Calendar.OfficeStatus(clock.GetUtcNow());

        Assert.Equal(open, status.IsOpen);
        Assert.Equal(reason, status.Reason);
    }

    [Theory]
    [InlineData("2026-01-14 10:00", "2026-01-14T16:00:00Z")]
    [InlineData("2026-07-15 10:00", "2026-07-15T15:00:00Z")]
    [InlineData("2026-03-27 17:30", "2026-03-30T15:00:00Z")]
    [InlineData("2026-12-23 18:00", "2026-12-28T16:00:00Z")]
    public void A_request_is_due_at_the_end_of_the_Berlin_working_day_across_clock_changes_and_holidays(string berlin, string dueUtc) =>
        Assert.Equal(DateTimeOffset.Parse(dueUtc, System.Globalization.CultureInfo.InvariantCulture), policy.Calendar.DueFor(In(Berlin, berlin)));

    [Fact]
    public void The_other_tariffs_route_and_reach_clients_their_own_way()
    {
        var basic = policy.Routing.FindTariff("basic")!;
        var pro = policy.Routing.FindTariff("pro")!;

        Assert.Equal("helpdesk", policy.Routing.RouteFor(basic, hasPersonalManager: false).Pool.Key);
        Assert.True(policy.Routing.RouteFor(pro, hasPersonalManager: false).ManagerMissing);
        Assert.True(pro.Allows(ContactChannel.Phone));
        Assert.False(pro.Allows(ContactChannel.CallBack));
        Assert.Equal("Danke! Wir rufen Sie an.", policy.Texts.HandoffNotice(pro.ContactBy, "de"));
        Assert.Null(policy.Routing.FindTariff("start"));
    }

    [Theory]
    [InlineData("Wo ist meine Rechnung?", "de", "billing")]
    [InlineData("Our SERVER is down", "en", "hosting")]
    [InlineData("Wie viel kostet das?", "de", null)]
    public void The_other_topics_are_recognised(string text, string language, string? topic) =>
        Assert.Equal(topic, policy.Topics.RecogniseTopic(text, language)?.Key);

    [Fact]
    public void A_redirected_topic_carries_the_other_company_address()
    {
        var redirect = policy.Topics.RedirectFor(policy.Topics.FindTopic("hosting")!, "de")!;

        Assert.Equal("Für Hosting ist IT-Betrieb zuständig: it@berlin.example", redirect.Message);
        Assert.Contains("forum.berlin.example", policy.Topics.NoAnswerMessage("en"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 30, false)]
    [InlineData(4, 31, true)]
    public void The_other_thresholds_apply(int requests, double minutes, bool referred) =>
        Assert.Equal(referred, policy.Referral.ShouldReferToTraining(requests, minutes));

    [Fact]
    public void The_week_starts_on_Sunday_in_Berlin()
    {
        var week = policy.Referral.WeekOf(In(Berlin, "2026-11-25 12:00"));

        Assert.Equal(new DateOnly(2026, 11, 22), week.FirstDay);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero), week.Start);
    }

    [Theory]
    [InlineData("fr", "de")]
    [InlineData("en-US", "en")]
    public void The_default_language_is_German(string requested, string language) =>
        Assert.Equal(language, policy.Texts.ResolveLanguage(requested));

    [Fact]
    public void The_public_view_speaks_German_and_names_the_next_opening_in_Berlin_time()
    {
        var clock = new FakeTimeProvider(In(Berlin, "2026-12-23 18:00"));

        var view = policy.PublicView.Describe(clock.GetUtcNow(), null);

        Assert.False(view.Online);
        Assert.Equal("Europe/Berlin", view.TimeZone);
        Assert.Equal("de", view.Language);
        Assert.Equal(new DateTimeOffset(2026, 12, 28, 7, 0, 0, TimeSpan.Zero), view.NextOpenAt);
        Assert.Equal("Wir sind von 08:00 bis 17:00 Uhr da, wieder ab 28.12.2026 08:00.", view.Texts.Offline);
    }
}
