using Chat.Contracts;
using Chat.Server.Demo;
using Chat.Server.Policy;
using Microsoft.Extensions.Time.Testing;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>R4: calls, the online chat and the shared box work 09:00–19:00 Moscow time; each manager works their own shift.</summary>
[Trait("Area", "Policy")]
public sealed class OfficeHoursTests
{
    private readonly IOfficeCalendar calendar = Company.Calendar;

    [Theory]
    [InlineData("2026-11-25 08:59:59", false, OfficeReason.ClosedHours)]
    [InlineData("2026-11-25 09:00:00", true, OfficeReason.Open)]
    [InlineData("2026-11-25 13:30:00", true, OfficeReason.Open)]
    [InlineData("2026-11-25 18:59:59", true, OfficeReason.Open)]
    [InlineData("2026-11-25 19:00:00", false, OfficeReason.ClosedHours)]
    [InlineData("2026-11-25 23:59:59", false, OfficeReason.ClosedHours)]
    [InlineData("2026-11-27 18:59:59", true, OfficeReason.Open)]
    [InlineData("2026-11-28 12:00:00", false, OfficeReason.ClosedDay)]
    [InlineData("2026-11-29 12:00:00", false, OfficeReason.ClosedDay)]
    [InlineData("2026-11-04 12:00:00", false, OfficeReason.Holiday)]
    [InlineData("2027-01-05 12:00:00", false, OfficeReason.Holiday)]
    public void The_chat_is_online_in_head_office_hours_on_working_days_only(string moscow, bool open, OfficeReason reason)
    {
        var clock = new FakeTimeProvider(Moscow(moscow));

        var status = calendar.OfficeStatus(clock.GetUtcNow());

        Assert.Equal(open, status.IsOpen);
        Assert.Equal(reason, status.Reason);
        Assert.Equal(open, calendar.IsOfficeOpen(clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("2026-11-25 08:59:59", "2026-11-25 09:00")]
    [InlineData("2026-11-25 00:00:00", "2026-11-25 09:00")]
    [InlineData("2026-11-25 19:00:00", "2026-11-26 09:00")]
    [InlineData("2026-11-27 19:05:00", "2026-11-30 09:00")]
    [InlineData("2026-11-28 10:00:00", "2026-11-30 09:00")]
    [InlineData("2026-11-03 19:30:00", "2026-11-05 09:00")]
    [InlineData("2026-12-30 19:00:00", "2027-01-11 09:00")]
    public void When_closed_the_chat_says_when_it_next_opens(string moscow, string nextOpen)
    {
        var status = calendar.OfficeStatus(Moscow(moscow));

        Assert.Equal(Moscow(nextOpen), status.NextOpenAt);
        Assert.Equal(Moscow(nextOpen), calendar.NextOpening(Moscow(moscow)));
    }

    [Theory]
    [InlineData("2026-11-27 18:55", "2026-11-30 09:05", 10)]
    [InlineData("2026-11-25 10:00", "2026-11-25 10:04", 4)]
    [InlineData("2026-11-25 07:00", "2026-11-25 09:30", 30)]
    [InlineData("2026-11-03 18:50", "2026-11-05 09:10", 20)]
    [InlineData("2026-11-24 12:00", "2026-11-25 12:00", 600)]
    [InlineData("2026-11-28 10:00", "2026-11-29 18:00", 0)]
    [InlineData("2026-11-25 12:00", "2026-11-25 11:00", 0)]
    public void Waiting_times_count_office_hours_on_working_days_only(string since, string until, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), calendar.WorkingTimeBetween(Moscow(since), Moscow(until)));
    }

    [Fact]
    public void While_open_there_is_no_next_opening_and_the_next_opening_is_now()
    {
        var now = Moscow("2026-11-25 12:00");

        Assert.Null(calendar.OfficeStatus(now).NextOpenAt);
        Assert.Equal(now, calendar.NextOpening(now));
    }

    [Fact]
    public void The_chat_goes_online_as_the_clock_passes_09_00_and_offline_as_it_passes_19_00_Moscow_time()
    {
        var clock = new FakeTimeProvider(Moscow("2026-11-25 08:59:59"));
        Assert.False(calendar.IsOfficeOpen(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(calendar.IsOfficeOpen(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromHours(10) - TimeSpan.FromSeconds(1));
        Assert.True(calendar.IsOfficeOpen(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(calendar.IsOfficeOpen(clock.GetUtcNow()));
    }

    [Fact]
    public void The_answer_depends_on_the_instant_not_on_the_offset_it_is_written_in()
    {
        var nineInMoscow = new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
        var sameInNewYork = new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.FromHours(-5));

        Assert.True(calendar.IsOfficeOpen(nineInMoscow));
        Assert.True(calendar.IsOfficeOpen(sameInNewYork));
        Assert.False(calendar.IsOfficeOpen(sameInNewYork.AddTicks(-1)));
    }

    [Fact]
    public void The_office_hours_and_zone_come_from_the_configuration()
    {
        Assert.Equal(new WorkingHours(new TimeOnly(9, 0), new TimeOnly(19, 0)), calendar.OfficeHours);
        Assert.Equal("Europe/Moscow", calendar.TimeZone.Id);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], calendar.WorkingDays);
    }

    [Theory]
    [InlineData("m.petrov", "2026-11-25 08:59:59", false)]
    [InlineData("m.petrov", "2026-11-25 09:00:00", true)]
    [InlineData("m.petrov", "2026-11-25 17:59:59", true)]
    [InlineData("m.petrov", "2026-11-25 18:00:00", false)]
    [InlineData("m.smirnova", "2026-11-25 09:59:59", false)]
    [InlineData("m.smirnova", "2026-11-25 10:00:00", true)]
    [InlineData("m.smirnova", "2026-11-25 18:30:00", true)]
    [InlineData("m.smirnova", "2026-11-25 19:00:00", false)]
    [InlineData("m.petrov", "2026-11-28 12:00:00", false)]
    [InlineData("m.smirnova", "2026-11-04 12:00:00", false)]
    public void A_manager_is_on_shift_only_inside_their_own_hours_on_working_days(string login, string moscow, bool onShift)
    {
        var staff = DemoData.Staff.Single(s => s.Login == login);
        var clock = new FakeTimeProvider(Moscow(moscow));

        Assert.Equal(onShift, calendar.IsOnShift(staff, clock.GetUtcNow()));
    }

    [Fact]
    public void A_staff_member_who_has_left_is_never_on_shift()
    {
        var staff = DemoData.Staff.Single(s => s.Login == "m.petrov");
        var left = new Chat.Server.Storage.StaffMember
        {
            Login = staff.Login,
            DisplayName = staff.DisplayName,
            PasswordHash = string.Empty,
            Department = staff.Department,
            ShiftStart = staff.ShiftStart,
            ShiftEnd = staff.ShiftEnd,
            IsActive = false,
        };

        Assert.True(calendar.IsOnShift(staff, Moscow("2026-11-25 12:00")));
        Assert.False(calendar.IsOnShift(left, Moscow("2026-11-25 12:00")));
    }

    [Theory]
    [InlineData("2026-11-29T20:59:59Z", "2026-11-29")]
    [InlineData("2026-11-29T21:00:00Z", "2026-11-30")]
    [InlineData("2026-11-30T20:59:59Z", "2026-11-30")]
    public void A_calendar_day_is_a_Moscow_day_from_Moscow_midnight(string utc, string day)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(date, calendar.DayOf(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Moscow(day + " 00:00"), calendar.StartOf(date));
    }

    [Theory]
    [InlineData("2026-11-27", true)]
    [InlineData("2026-11-28", false)]
    [InlineData("2026-11-04", false)]
    [InlineData("2026-01-09", false)]
    [InlineData("2026-12-31", false)]
    [InlineData("2027-01-11", true)]
    public void Holidays_and_weekends_are_not_working_days(string day, bool working) =>
        Assert.Equal(working, calendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
}
