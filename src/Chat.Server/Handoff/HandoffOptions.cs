using System.ComponentModel.DataAnnotations;
using Chat.Contracts;
using Chat.Server.Policy;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>Settings of <c>Chat:Handoff</c>.</summary>
public sealed class HandoffOptions
{
    public const string Section = "Chat:Handoff";

    /// <summary>The department whose pool gets requests for accounts nobody could find (marked unverified).</summary>
    [Required]
    public string UnverifiedPool { get; set; } = string.Empty;

    /// <summary>How many of the latest messages a handoff card carries.</summary>
    [Range(1, 500)]
    public int TranscriptMessages { get; set; } = 50;

    /// <summary>How many handoffs <c>GetHandoffs</c> lists at most.</summary>
    [Range(10, 10_000)]
    public int ListSize { get; set; } = 200;

    /// <summary>Identification and call-back attempts allowed per visitor session per <see cref="RateWindow"/>.</summary>
    [Range(1, 10_000)]
    public int AttemptsPerSession { get; set; } = 5;

    /// <summary>Identification and call-back attempts allowed per client address per <see cref="RateWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int AttemptsPerAddress { get; set; } = 30;

    /// <summary>The window of the attempt limits.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an identification takes at least before it is answered. Finding an account, its consultant and their
    /// presence costs more than finding none; answering after the same time keeps the answer's timing from telling who
    /// is a client.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan IdentifyAnswerAfter { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The handoff texts by language, one set for each language of the policy.</summary>
    public Dictionary<string, HandoffTexts> Texts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What the visitor is told about a handoff, in one language.</summary>
public sealed class HandoffTexts
{
    /// <summary>Shown when the manager's console has the request (delivered, read).</summary>
    public string Received { get; set; } = string.Empty;

    /// <summary>Shown when the manager took the request on.</summary>
    public string Accepted { get; set; } = string.Empty;

    /// <summary>Shown when the manager recorded that they contacted the client.</summary>
    public string Contacted { get; set; } = string.Empty;

    /// <summary>The call-back confirmation. Placeholders: the dates <c>{from}</c>, <c>{to}</c>, with the policy's forms (<c>{from:on}</c>, <c>{to:time}</c>).</summary>
    public string CallBackAccepted { get; set; } = string.Empty;

    /// <summary>The call-back refusal. Placeholder: <c>{channels}</c>, the channels the client has.</summary>
    public string CallBackRefused { get; set; } = string.Empty;

    /// <summary>A call-back asked for before the account was identified.</summary>
    public string NotIdentified { get; set; } = string.Empty;

    /// <summary>A call-back window outside the consultant's hours. Placeholders: <c>{start}</c>, <c>{end}</c>.</summary>
    public string OutsideHours { get; set; } = string.Empty;

    /// <summary>The names of the channels, for the refusal.</summary>
    public Dictionary<ContactChannel, string> Channels { get; set; } = [];
}

/// <summary>Checks at start-up that the unverified pool is a department and that every policy language has its texts.</summary>
public sealed class HandoffOptionsValidator(IConsultantRouting routing, IVisitorTexts visitorTexts) : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        var failures = new List<string>();
        if (routing.FindDepartment(options.UnverifiedPool) is null)
        {
            failures.Add($"{HandoffOptions.Section}:UnverifiedPool must be a department of the policy ({string.Join(", ", routing.Departments.Select(d => d.Key))}).");
        }

        foreach (var language in visitorTexts.Languages)
        {
            if (!options.Texts.TryGetValue(language, out var texts))
            {
                failures.Add($"{HandoffOptions.Section}:Texts:{language} is missing.");
                continue;
            }

            var blank = new[] { texts.Received, texts.Accepted, texts.Contacted, texts.CallBackAccepted, texts.CallBackRefused, texts.NotIdentified, texts.OutsideHours }
                .Any(string.IsNullOrWhiteSpace);
            if (blank || Enum.GetValues<ContactChannel>().Any(c => !texts.Channels.ContainsKey(c)))
            {
                failures.Add($"{HandoffOptions.Section}:Texts:{language} needs every text and a name for every channel.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
