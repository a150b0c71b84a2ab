using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Console;

/// <summary>The console tests' server: the handoff settings and low referral thresholds, so one closed request crosses them.</summary>
public static class ConsoleSettings
{
    public static readonly IReadOnlyDictionary<string, string?> Overrides = new Dictionary<string, string?>(HandoffSettings.Overrides)
    {
        ["Chat:Policy:TrainingReferral:RequestsAbove"] = "1",
        ["Chat:Policy:TrainingReferral:MinutesAbove"] = "30",
        ["Chat:Attachments:MaxBytes"] = "200000",
    };
}

public sealed class ConsoleServerFixture() : ServerFixture(Backend.Embedded, ConsoleSettings.Overrides);
