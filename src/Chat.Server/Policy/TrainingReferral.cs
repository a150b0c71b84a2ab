using Microsoft.Extensions.Options;

namespace Chat.Server.Policy;

/// <summary>The referral thresholds of validated <see cref="PolicyOptions"/>, counted in weeks of the office calendar.</summary>
public sealed class TrainingReferral : ITrainingReferral
{
    private readonly IOfficeCalendar calendar;
    private readonly int requestsAbove;
    private readonly int minutesAbove;
    private readonly DayOfWeek weekStartsOn;

    public TrainingReferral(IOptions<PolicyOptions> options, IOfficeCalendar calendar, IConsultantRouting routing)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(routing);
        var referral = options.Value.TrainingReferral;
        this.calendar = calendar;
        requestsAbove = referral.RequestsAbove!.Value;
        minutesAbove = referral.MinutesAbove!.Value;
        weekStartsOn = referral.WeekStartsOn!.Value;
        TrainingDepartment = routing.FindDepartment(referral.Department)!;
    }

    public Department TrainingDepartment { get; }

    public bool ShouldReferToTraining(int requests, double minutes) =>
        requests > requestsAbove && minutes > minutesAbove;

    public PolicyWeek WeekOf(DateTimeOffset at)
    {
        var date = calendar.DayOf(at);
        var firstDay = date.AddDays(-(((int)date.DayOfWeek - (int)weekStartsOn + 7) % 7));
        return new PolicyWeek(firstDay, calendar.StartOf(firstDay), calendar.StartOf(firstDay.AddDays(7)));
    }
}
