using Chat.Server.Demo;
using Chat.Server.Policy;
using Microsoft.Extensions.Time.Testing;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>R7: a written request is answered on the day it arrives, by the end of the responsible person's working day.</summary>
[Trait("Area", "Policy")]
public sealed class SameDayPromiseTests
{
    private readonly IOfficeCalendar calendar = Company.Calendar;
    private readonly IVisitorTexts texts = Company.Texts;

    public static TheoryData<string, string, string> PoolRequests => new()
    {
        { "a morning request", "2026-11-25 10:00:00", "2026-11-25 19:00" },
        { "a request before opening", "2026-11-25 07:00:00", "2026-11-25 19:00" },
        { "a request a second before closing", "2026-11-25 18:59:59", "2026-11-25 19:00" },
        { "a request at closing time", "2026-11-25 19:00:00", "2026-11-26 19:00" },
        { "a request on Friday at 19:05", "2026-11-27 19:05:00", "2026-11-30 19:00" },
        { "a request on Saturday", "2026-11-28 12:00:00", "2026-11-30 19:00" },
        { "a request on Sunday night", "2026-11-29 23:59:59", "2026-11-30 19:00" },
        { "a request on the evening before a holiday", "2026-11-03 20:00:00", "2026-11-05 19:00" },
        { "a request on a holiday", "2026-11-04 10:00:00", "2026-11-05 19:00" },
        { "a request on the last evening of the year", "2026-12-30 19:30:00", "2027-01-11 19:00" },
    };

    [Theory]
    [MemberData(nameof(PoolRequests))]
    public void A_request_to_the_pool_is_due_at_the_end_of_office_hours_of_its_working_day(string request, string arrivedMoscow, string dueMoscow)
    {
        var clock = new FakeTimeProvider(Moscow(arrivedMoscow));

        var due = calendar.DueFor(clock.GetUtcNow());

        Assert.True(Moscow(dueMoscow) == due, $"{request}: due {due:u}, expected {Moscow(dueMoscow):u}");
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Theory]
    [InlineData("m.petrov", "2026-11-25 09:30:00", "2026-11-25 18:00")]
    [InlineData("m.petrov", "2026-11-25 17:59:59", "2026-11-25 18:00")]
    [InlineData("m.petrov", "2026-11-25 18:00:00", "2026-11-26 18:00")]
    [InlineData("m.petrov", "2026-11-25 18:30:00", "2026-11-26 18:00")]
    [InlineData("m.petrov", "2026-11-27 18:30:00", "2026-11-30 18:00")]
    [InlineData("m.smirnova", "2026-11-25 18:30:00", "2026-11-25 19:00")]
    [InlineData("m.smirnova", "2026-11-25 19:00:00", "2026-11-26 19:00")]
    [InlineData("m.smirnova", "2026-11-04 11:00:00", "2026-11-05 19:00")]
    public void A_request_to_a_manager_is_due_at_the_end_of_their_own_shift(string login, string arrivedMoscow, string dueMoscow)
    {
        var manager = DemoData.Staff.Single(s => s.Login == login);

        var due = calendar.DueFor(Moscow(arrivedMoscow), WorkingHours.Of(manager));

        Assert.Equal(Moscow(dueMoscow), due);
    }

    [Fact]
    public void A_request_on_Friday_at_19_05_is_due_at_the_end_of_Monday() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), calendar.DueFor(Moscow("2026-11-27 19:05")));

    [Theory]
    [InlineData("ru", "до понедельника, 30 ноября, 19:00")]
    [InlineData("en", "by Monday, 30 November, 19:00")]
    public void The_longer_work_notice_names_the_due_time_in_Moscow_time(string language, string expected)
    {
        var due = calendar.DueFor(Moscow("2026-11-27 19:05"));

        var notice = texts.LongerWorkNotice(due, language);

        Assert.Contains(expected, notice, StringComparison.Ordinal);
        Assert.DoesNotContain("{", notice, StringComparison.Ordinal);
    }
}
