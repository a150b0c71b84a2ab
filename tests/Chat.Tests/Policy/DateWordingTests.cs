using static Chat.Tests.Policy.PolicyTestSupport;

namespace Chat.Tests.Policy;

/// <summary>Dates in the visitor's texts take the case the sentence needs: "до четверга", "во вторник", every day of the week.</summary>
[Trait("Area", "Policy")]
public sealed class DateWordingTests
{
    public static TheoryData<string, string, string> Week => new()
    {
        { "2026-11-30", "понедельника, 30 ноября", "в понедельник, 30 ноября" },
        { "2026-12-01", "вторника, 1 декабря", "во вторник, 1 декабря" },
        { "2026-12-02", "среды, 2 декабря", "в среду, 2 декабря" },
        { "2026-12-03", "четверга, 3 декабря", "в четверг, 3 декабря" },
        { "2026-12-04", "пятницы, 4 декабря", "в пятницу, 4 декабря" },
        { "2026-12-05", "субботы, 5 декабря", "в субботу, 5 декабря" },
        { "2026-12-06", "воскресенья, 6 декабря", "в воскресенье, 6 декабря" },
    };

    public static TheoryData<string, string, string> WeekInEnglish => new()
    {
        { "2026-11-30", "Monday, 30 November", "on Monday, 30 November" },
        { "2026-12-01", "Tuesday, 1 December", "on Tuesday, 1 December" },
        { "2026-12-02", "Wednesday, 2 December", "on Wednesday, 2 December" },
        { "2026-12-03", "Thursday, 3 December", "on Thursday, 3 December" },
        { "2026-12-04", "Friday, 4 December", "on Friday, 4 December" },
        { "2026-12-05", "Saturday, 5 December", "on Saturday, 5 December" },
        { "2026-12-06", "Sunday, 6 December", "on Sunday, 6 December" },
    };

    [Theory]
    [MemberData(nameof(Week))]
    public void The_longer_work_notice_promises_an_answer_by_the_day_in_the_genitive(string day, string genitive, string _)
    {
        var notice = Company.Texts.LongerWorkNotice(Moscow($"{day} 19:00"), "ru");

        Assert.Contains($"до {genitive}, 19:00", notice, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WeekInEnglish))]
    public void The_longer_work_notice_in_English_promises_an_answer_by_the_day(string day, string date, string _)
    {
        var notice = Company.Texts.LongerWorkNotice(Moscow($"{day} 19:00"), "en");

        Assert.Contains($"by {date}, 19:00", notice, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Week))]
    public void Each_form_names_the_day_as_Russian_needs_it(string day, string genitive, string on)
    {
        var at = Moscow($"{day} 09:00");

        Assert.Equal($"до {genitive}, 09:00; {on}, 09:00; с 09:00", Company.Texts.FillDates("до {d:genitive}; {d:on}; с {d:time}", "ru", ("d", at)));
    }

    [Theory]
    [MemberData(nameof(WeekInEnglish))]
    public void Each_form_names_the_day_as_English_needs_it(string day, string date, string on)
    {
        var at = Moscow($"{day} 09:00");

        Assert.Equal($"by {date}, 09:00; {on}, 09:00; from 09:00", Company.Texts.FillDates("by {d:genitive}; {d:on}; from {d:time}", "en", ("d", at)));
    }

    [Theory]
    [InlineData("ru", "мы ответим, когда откроемся: в понедельник, 30 ноября, 09:00.")]
    [InlineData("en", "we will answer when we open: on Monday, 30 November, 09:00.")]
    public void The_offline_notice_says_on_which_day_the_office_opens(string language, string ending) =>
        Assert.EndsWith(ending, Company.Texts.OfflineNotice(Moscow("2026-11-27 19:05"), language), StringComparison.Ordinal);

    [Fact]
    public void A_placeholder_that_is_not_a_date_of_the_text_stays_as_written() =>
        Assert.Equal("{other:on} и {d}", Company.Texts.FillDates("{other:on} и {d}", "ru", ("x", Moscow("2026-12-03 09:00"))));
}
