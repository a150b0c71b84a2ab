using Chat.Server.Policy;
using Microsoft.Extensions.Time.Testing;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>R9: more than five requests in a week and more than an hour of consultation refer a company to Training &amp; Implementation.</summary>
[Trait("Area", "Policy")]
public sealed class TrainingReferralTests
{
    private readonly ITrainingReferral referral = Company.Referral;

    [Theory]
    [InlineData(5, 60, false)]
    [InlineData(6, 61, true)]
    [InlineData(6, 60, false)]
    [InlineData(5, 61, false)]
    [InlineData(6, 60.5, true)]
    [InlineData(0, 0, false)]
    [InlineData(40, 600, true)]
    public void A_company_is_referred_only_when_both_thresholds_are_exceeded(int requests, double minutes, bool referred) =>
        Assert.Equal(referred, referral.ShouldReferToTraining(requests, minutes));

    [Fact]
    public void The_referral_goes_to_the_Training_and_Implementation_department() =>
        Assert.Equal("training", referral.TrainingDepartment.Key);

    [Theory]
    [InlineData("2026-11-23 00:00:00", "2026-11-23")]
    [InlineData("2026-11-25 12:00:00", "2026-11-23")]
    [InlineData("2026-11-29 23:59:59", "2026-11-23")]
    [InlineData("2026-11-30 00:00:00", "2026-11-30")]
    [InlineData("2027-01-01 10:00:00", "2026-12-28")]
    public void The_counting_week_is_the_calendar_week_from_Monday_in_Moscow_time(string moscow, string monday)
    {
        var clock = new FakeTimeProvider(Moscow(moscow));

        var week = referral.WeekOf(clock.GetUtcNow());

        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), week.FirstDay);
        Assert.Equal(Moscow(monday + " 00:00"), week.Start);
        Assert.Equal(Moscow(monday + " 00:00").AddDays(7), week.End);
    }

    [Fact]
    public void Sunday_evening_in_UTC_is_already_Monday_in_Moscow()
    {
        var sundayEveningUtc = new DateTimeOffset(2026, 11, 29, 21, 30, 0, TimeSpan.Zero);

        var week = referral.WeekOf(sundayEveningUtc);

        Assert.Equal(new DateOnly(2026, 11, 30), week.FirstDay);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 21, 0, 0, TimeSpan.Zero), week.Start);
    }
}
