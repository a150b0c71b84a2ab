using System.Globalization;
using Chat.Contracts;

namespace Chat.Server.Policy;

/// <summary>The public view of the policy that <c>GET /api/policy/public</c> gives the widget.</summary>
public sealed class PublicPolicyView(IOfficeCalendar calendar, IVisitorTexts texts, IConsultantRouting routing, ITopicCatalogue topics)
{
    /// <summary>The view at <paramref name="now"/> in the requested language.</summary>
    public PublicPolicy Describe(DateTimeOffset now, string? language)
    {
        var lang = texts.ResolveLanguage(language);
        var status = calendar.OfficeStatus(now);
        var inLanguage = texts.InLanguage(lang);
        return new PublicPolicy(
            status.IsOpen,
            status.Reason,
            status.NextOpenAt,
            calendar.TimeZone.Id,
            lang,
            texts.Languages,
            new PublicHours(
                calendar.OfficeHours.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
                calendar.OfficeHours.End.ToString("HH:mm", CultureInfo.InvariantCulture),
                calendar.WorkingDays),
            [.. topics.Topics.Select(t => new PublicTopic(t.Key, t.Label.In(lang), t.IsRedirected, topics.RedirectFor(t, lang)?.Message))],
            [.. routing.Tariffs.Select(t => new PublicTariff(t.Key, t.Label.In(lang), t.Channels, t.ContactBy))],
            new PublicContacts(routing.SharedMailbox, topics.CommunityUrl, topics.NoAnswerDepartment.Email, topics.NoAnswerSubject(lang)),
            new PublicTexts(
                inLanguage.Greeting,
                inLanguage.AskIfClient,
                inLanguage.AskAccount,
                inLanguage.HandoffByEmail,
                inLanguage.HandoffByPhone,
                inLanguage.HandoffByPhoneOrEmail,
                texts.OfflineNotice(now, lang),
                topics.NoAnswerMessage(lang),
                inLanguage.TimeZone,
                inLanguage.ConversationClosed));
    }
}
