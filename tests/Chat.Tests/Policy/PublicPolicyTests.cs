using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Contracts;
using Chat.Server.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary><c>GET /api/policy/public</c>: what the widget reads at start.</summary>
[Trait("Area", "Policy")]
public sealed class PublicPolicyTests
{
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly PublicPolicyView publicPolicy = Company.PublicView;

    [Fact]
    public void In_office_hours_the_widget_is_told_the_chat_is_online()
    {
        var clock = new FakeTimeProvider(Moscow("2026-11-25 12:00"));

        var view = publicPolicy.Describe(clock.GetUtcNow(), "en");

        Assert.True(view.Online);
        Assert.Equal(OfficeReason.Open, view.Reason);
        Assert.Null(view.NextOpenAt);
        Assert.Equal("Europe/Moscow", view.TimeZone);
        Assert.Equal(("09:00", "19:00"), (view.Hours.Open, view.Hours.Close));
        Assert.Equal("Hello! How can we help?", view.Texts.Greeting);
    }

    [Fact]
    public void On_Friday_evening_the_widget_is_told_the_chat_is_closed_until_Monday_morning()
    {
        var clock = new FakeTimeProvider(Moscow("2026-11-27 19:05"));

        var view = publicPolicy.Describe(clock.GetUtcNow(), "ru");

        Assert.False(view.Online);
        Assert.Equal(OfficeReason.ClosedHours, view.Reason);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero), view.NextOpenAt);
        Assert.Contains("понедельник, 30 ноября, 09:00", view.Texts.Offline, StringComparison.Ordinal);
    }

    [Fact]
    public void The_widget_gets_the_topics_with_their_routes_the_tariffs_with_their_channels_and_the_contacts()
    {
        var view = publicPolicy.Describe(Moscow("2026-11-25 12:00"), "en");

        Assert.Equal(
            ["contract", "prices", "promotions", "functionality", "integrations", "api", "on-premise", "errors", "customisation", "business-processes"],
            view.Topics.Select(t => t.Key));
        var api = view.Topics.Single(t => t.Key == "api");
        Assert.True(api.Redirect);
        Assert.Contains("support@example.com", api.RedirectMessage, StringComparison.Ordinal);
        Assert.Null(view.Topics.Single(t => t.Key == "prices").RedirectMessage);
        Assert.Equal([ContactChannel.Chat, ContactChannel.Email], view.Tariffs.Single(t => t.Key == "start").Channels);
        Assert.Equal([ContactMethod.Phone, ContactMethod.Email], view.Tariffs.Single(t => t.Key == "business").ContactBy);
        Assert.Equal(new PublicContacts("info@example.com", "https://community.example.com", "support@example.com", "Question about functionality"), view.Contacts);
    }

    [Theory]
    [InlineData("2026-11-25 19:00", "closed-hours")]
    [InlineData("2026-11-28 12:00", "closed-day")]
    [InlineData("2026-11-04 12:00", "holiday")]
    [InlineData("2026-11-25 09:00", "open")]
    public void The_reason_travels_as_a_lower_case_word(string moscow, string reason)
    {
        var json = JsonSerializer.SerializeToElement(publicPolicy.Describe(Moscow(moscow), "en"), Wire);

        Assert.Equal(reason, json.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_endpoint_answers_anonymously_with_a_cacheable_policy_in_the_requested_language()
    {
        var clock = new FakeTimeProvider(Moscow("2026-11-27 19:05"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(CompanyConfiguration());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddPolicy(builder.Configuration);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        await using var app = builder.Build();
        app.MapPolicy();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.GetAsync(new Uri(PolicyPaths.Public + "?lang=en", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.EnsureSuccessStatusCode();
        Assert.Equal("public, max-age=60", response.Headers.CacheControl?.ToString());
        Assert.False(body.GetProperty("online").GetBoolean());
        Assert.Equal("closed-hours", body.GetProperty("reason").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero), body.GetProperty("nextOpenAt").GetDateTimeOffset());
        Assert.Equal("en", body.GetProperty("language").GetString());
        Assert.Equal("Are you already a client of ours?", body.GetProperty("texts").GetProperty("askIfClient").GetString());
        var business = body.GetProperty("tariffs").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "business");
        Assert.Equal(["Chat", "Email", "Phone", "CallBack"], business.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        await app.StopAsync();
    }
}
