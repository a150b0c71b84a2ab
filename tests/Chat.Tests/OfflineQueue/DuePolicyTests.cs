using Chat.Server.Demo;
using Chat.Server.OfflineQueue;
using Chat.Server.Presence;
using Chat.Server.Storage;
using Chat.Tests.Policy;
using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.OfflineQueue;

/// <summary>
/// R7 as the queue asks for it (<see cref="IDuePolicy"/>), without a server: the queue's clock gives UTC, the answer
/// follows the responsible person's shift (m.petrov 9–18, m.smirnova 10–19 Moscow time) or office hours (9–19) for a pool.
/// </summary>
[Trait("Area", "OfflineQueue")]
public sealed class DuePolicyTests
{
    private static readonly PolicyCalendar Due = CompanyServices.Create<PolicyCalendar>();

    private static StaffMember? Responsible(string? login) => login is null ? null : DemoData.Staff.Single(s => s.Login == login);

    private static DateTimeOffset Utc(string time) => In(TimeZoneInfo.Utc, time);

    public static TheoryData<string, string?, string, string> Requests => new()
    {
        // case, responsible (a pool when null), arrived (UTC), due (Moscow)
        { "a UTC evening that is already the next morning in Moscow", null, "2026-11-24 22:30", "2026-11-25 19:00" },
        { "a minute before the manager's shift ends", "m.petrov", "2026-11-25 14:59", "2026-11-25 18:00" },
        { "when one manager's shift is over and another's is not", "m.smirnova", "2026-11-25 15:00", "2026-11-25 19:00" },
        { "in the evening, after the shift", "m.petrov", "2026-11-25 15:00", "2026-11-26 18:00" },
        { "on a Friday evening", "m.smirnova", "2026-11-27 16:30", "2026-11-30 19:00" },
        { "on a UTC Friday evening that is Saturday in Moscow", null, "2026-11-27 21:30", "2026-11-30 19:00" },
        { "on the evening before a holiday", "m.petrov", "2026-11-03 16:00", "2026-11-05 18:00" },
        { "on a Friday evening before a Monday holiday", null, "2026-03-06 17:00", "2026-03-10 19:00" },
        { "on the evening before a Friday holiday", "m.smirnova", "2026-06-11 16:00", "2026-06-15 19:00" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_request_is_due_at_the_end_of_the_responsible_persons_working_day_or_else_of_the_next_one(string @case, string? responsible, string arrivedUtc, string dueMoscow)
    {
        var due = Due.DueFor(Utc(arrivedUtc), Responsible(responsible));

        Assert.True(Moscow(dueMoscow) == due, $"{@case}: due {due:u}, expected {Moscow(dueMoscow):u}");
    }

    [Theory]
    [InlineData(null, "2026-11-25 19:00", "2026-11-26 19:00")]
    [InlineData("m.petrov", "2026-11-27 18:00", "2026-11-30 18:00")]
    [InlineData(null, "2026-11-03 19:00", "2026-11-05 19:00")]
    public void Longer_work_is_promised_for_the_end_of_the_next_working_day_after_the_due_time(string? responsible, string dueMoscow, string promisedMoscow) =>
        Assert.Equal(Moscow(promisedMoscow), Due.DueFor(Moscow(dueMoscow), Responsible(responsible)));

    [Theory]
    [InlineData("2026-11-25 12:00", "2026-11-25 21:00")]
    [InlineData("2026-11-25 20:59", "2026-11-25 21:00")]
    [InlineData("2026-11-25 21:00", "2026-11-26 21:00")]
    [InlineData("2026-11-28 23:30", "2026-11-29 21:00")]
    public void The_day_ends_at_midnight_in_Moscow(string atUtc, string endUtc) =>
        Assert.Equal(Utc(endUtc), Due.EndOfDay(Utc(atUtc)));
}
