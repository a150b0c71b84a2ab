using System.Text.Json.Serialization;

namespace Chat.Contracts;

/// <summary>Where the policy endpoints live.</summary>
public static class PolicyPaths
{
    /// <summary>The anonymous, cacheable policy the widget reads at start: <c>GET /api/policy/public?lang=ru|en</c>.</summary>
    public const string Public = "/api/policy/public";
}

/// <summary>Why the chat is online or not at a moment, as far as office hours go.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfficeReason>))]
public enum OfficeReason
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("closed-hours")]
    ClosedHours,

    [JsonStringEnumMemberName("closed-day")]
    ClosedDay,

    [JsonStringEnumMemberName("holiday")]
    Holiday,
}

/// <summary>A way a client can reach the company (R3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContactChannel>))]
public enum ContactChannel
{
    Chat,
    Email,
    Phone,
    CallBack,
}

/// <summary>How a manager gets back to a client after a handoff (R5, R6).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContactMethod>))]
public enum ContactMethod
{
    Email,
    Phone,
}

/// <summary>What the widget needs to know at start: whether the chat is open, the topics, the tariffs' channels and the texts in one language.</summary>
public sealed record PublicPolicy(
    bool Online,
    OfficeReason Reason,
    DateTimeOffset? NextOpenAt,
    string TimeZone,
    string Language,
    IReadOnlyList<string> Languages,
    PublicHours Hours,
    IReadOnlyList<PublicTopic> Topics,
    IReadOnlyList<PublicTariff> Tariffs,
    PublicContacts Contacts,
    PublicTexts Texts);

/// <summary>Head-office hours, as wall-clock times in <see cref="PublicPolicy.TimeZone"/>.</summary>
public sealed record PublicHours(string Open, string Close, IReadOnlyList<DayOfWeek> WorkingDays);

/// <summary>A topic the visitor can pick. A redirected topic is not answered in the chat; <see cref="RedirectMessage"/> says where to go.</summary>
public sealed record PublicTopic(string Key, string Label, bool Redirect, string? RedirectMessage);

/// <summary>A tariff, the channels its clients may use and how a manager contacts them after a handoff.</summary>
public sealed record PublicTariff(string Key, string Label, IReadOnlyList<ContactChannel> Channels, IReadOnlyList<ContactMethod> ContactBy);

/// <summary>The shared mailbox, the users' community and the support address with the subject for questions nobody answered (R11).</summary>
public sealed record PublicContacts(string SharedMailbox, string CommunityUrl, string? SupportEmail, string SupportSubject);

/// <summary>
/// What the visitor is told at each step, in <see cref="PublicPolicy.Language"/>; <see cref="Offline"/> already names the next opening,
/// <see cref="TimeZone"/> names the zone of the hours ("по московскому времени"), <see cref="ConversationClosed"/> is the notice
/// stored when an agent closes the conversation.
/// </summary>
public sealed record PublicTexts(
    string Greeting,
    string AskIfClient,
    string AskAccount,
    string HandoffByEmail,
    string HandoffByPhone,
    string HandoffByPhoneOrEmail,
    string Offline,
    string NoAnswer,
    string TimeZone,
    string ConversationClosed);
