using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;

namespace Chat.Server.Conversations;

/// <summary>
/// Tells the visitor what the agents did with the conversation — passed it on, closed it — in the policy's words and the
/// conversation's language. Each notice is a stored system message, so it reaches the widget the normal way and is there after a reload.
/// </summary>
public sealed class VisitorNotices(MessageWriter writer, IVisitorTexts texts, IConsultantRouting routing)
{
    public Task<SendResult> TransferredToColleagueAsync(Caller by, Conversation conversation, string colleagueName, CancellationToken cancellationToken) =>
        NoticeAsync(by, conversation, PolicyTemplate.Fill(texts.InLanguage(conversation.Language).TransferredToColleague, ("name", colleagueName)), cancellationToken);

    public Task<SendResult> TransferredToDepartmentAsync(Caller by, Conversation conversation, string department, CancellationToken cancellationToken)
    {
        var label = routing.FindDepartment(department)?.Label.In(texts.ResolveLanguage(conversation.Language)) ?? department;
        return NoticeAsync(by, conversation, PolicyTemplate.Fill(texts.InLanguage(conversation.Language).TransferredToDepartment, ("department", label)), cancellationToken);
    }

    public Task<SendResult> ClosedAsync(Caller by, Conversation conversation, CancellationToken cancellationToken) =>
        NoticeAsync(by, conversation, texts.InLanguage(conversation.Language).ConversationClosed, cancellationToken);

    private Task<SendResult> NoticeAsync(Caller by, Conversation conversation, string text, CancellationToken cancellationToken) =>
        writer.AppendAsync(new MessageAppend(conversation.Id, by with { Kind = SenderKind.System }, Guid.NewGuid(), text), cancellationToken);
}
