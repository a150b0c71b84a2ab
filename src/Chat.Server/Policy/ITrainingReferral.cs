namespace Chat.Server.Policy;

/// <summary>When a company is referred to Training &amp; Implementation (R9): the counting week and its thresholds.</summary>
public interface ITrainingReferral
{
    /// <summary>True when a company's week exceeds both referral thresholds.</summary>
    bool ShouldReferToTraining(int requests, double minutes);

    /// <summary>The counting week that contains <paramref name="at"/>, in the policy's time zone.</summary>
    PolicyWeek WeekOf(DateTimeOffset at);

    /// <summary>The department companies are referred to.</summary>
    Department TrainingDepartment { get; }
}
