using Chat.Contracts;

namespace Chat.Server.Policy;

/// <summary>
/// What the visitor is told, and in which language: the languages the texts exist in, the texts of each step, and the
/// notices that carry an office time (the offline notice, the longer-work notice) or a contact method (the handoff notice).
/// </summary>
public interface IVisitorTexts
{
    /// <summary>The languages texts exist in.</summary>
    IReadOnlyList<string> Languages { get; }

    /// <summary>The language used when none of <see cref="Languages"/> was asked for.</summary>
    string DefaultLanguage { get; }

    /// <summary>The requested language (<c>en</c>, <c>en-GB</c>) if texts exist in it, else the default.</summary>
    string ResolveLanguage(string? requested);

    /// <summary>The texts in the resolved language.</summary>
    VisitorTextOptions InLanguage(string? language);

    /// <summary>What the visitor is told while the office is closed at <paramref name="at"/>.</summary>
    string OfflineNotice(DateTimeOffset at, string? language);

    /// <summary>The "this needs longer work, the answer will come by {due}" notice (R7).</summary>
    string LongerWorkNotice(DateTimeOffset due, string? language);

    /// <summary>What the visitor is told after a handoff: how the manager will contact them (R5, R6).</summary>
    string HandoffNotice(IReadOnlyList<ContactMethod> contactBy, string? language);

    /// <summary>
    /// Writes instants into a text as wall-clock times of the policy's zone, each in the form its placeholder asks for
    /// (<c>{due}</c>, <c>{due:genitive}</c>, <c>{nextOpen:on}</c>, <c>{to:time}</c>: see <see cref="DateWording"/>).
    /// </summary>
    string FillDates(string text, string? language, params (string Name, DateTimeOffset At)[] dates);
}
