using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Conversations;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.OfflineQueue;

/// <summary>
/// The widget's offline form (R3, R7): the message is stored in the visitor's conversation, a request with its
/// due time is queued for the on-duty pool, and the visitor is told, in a stored system message too, by when
/// the answer will come. A retry with the same client id returns the first result.
/// </summary>
public sealed record LeaveOfflineMessage(Caller Caller, Guid ConversationId, Guid ClientMessageId, string? Text, string? Email, string? Phone)
    : ICommand<OfflineMessageResult>, IConversationRequest;

public sealed class LeaveOfflineMessageValidator : AbstractValidator<LeaveOfflineMessage>
{
    public LeaveOfflineMessageValidator(IOptions<ConversationOptions> options, IOptions<AccountOptions> accounts)
    {
        var region = accounts.Value.DefaultPhoneRegion;
        RuleLevelCascadeMode = CascadeMode.Stop;
        var max = options.Value.MaxMessageLength;
        RuleFor(m => m.ClientMessageId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("clientMessageId must be a non-empty id made by the client.");
        RuleFor(m => m.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithErrorCode(ErrorCodes.EmptyMessage).WithMessage("The message is empty.")
            .MaximumLength(max).WithErrorCode(ErrorCodes.MessageTooLong).WithMessage($"The message is longer than {max} characters.")
            .PlainText();
        RuleFor(m => m).Must(m => !string.IsNullOrWhiteSpace(m.Email) || !string.IsNullOrWhiteSpace(m.Phone))
            .WithName("contacts").WithErrorCode(ErrorCodes.ContactRequired).WithMessage("Leave an e-mail address or a phone number so that we can answer.");
        RuleFor(m => m.Email).MaximumLength(254).EmailAddress().When(m => !string.IsNullOrWhiteSpace(m.Email))
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The e-mail address is not valid.");
        RuleFor(m => m.Phone).Must(phone => phone!.Length <= 32 && AccountKeys.NormalisePhone(phone, region) is not null).When(m => !string.IsNullOrWhiteSpace(m.Phone))
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The phone number is not valid.");
    }
}

public sealed class LeaveOfflineMessageHandler(
    ChatDbContext db,
    MessageWriter store,
    OfflineItems items,
    IDuePolicy due,
    IOptions<OfflineQueueOptions> options,
    ITopicCatalogue topics,
    TimeProvider clock) : ICommandHandler<LeaveOfflineMessage, OfflineMessageResult>
{
    public async ValueTask<OfflineMessageResult> Handle(LeaveOfflineMessage command, CancellationToken cancellationToken)
    {
        // The request is queued before its message is stored, so the conversation has its open item by the time the message
        // is seen by the queue's rule for untaken conversations (which then leaves it alone); a retry finds the same item.
        var text = command.Text!.Trim();
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.ConversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        var payload = JsonSerializer.Serialize(
            new { text, visitorName = conversation.VisitorName, email = command.Email?.Trim(), phone = command.Phone?.Trim() },
            JsonSerializerOptions.Web);
        var request = await items.EnqueueAsync(
            new NewOfflineItem(OfflineItemKinds.OfflineRequest, QueueTargetKind.Pool, options.Value.DutyPool, command.ConversationId, payload,
                OfflineItems.DerivedId(command.ClientMessageId, "offline-form"), due.DueFor(clock.GetUtcNow(), null)),
            cancellationToken);
        var sent = await store.AppendAsync(
            new MessageAppend(command.ConversationId, command.Caller, command.ClientMessageId, text) { Topic = topics.RecogniseTopic(text, command.Caller.Language)?.Key },
            cancellationToken);

        var notice = AnswerByNotice(request.DueAt, conversation.Language);
        await store.AppendAsync(
            new MessageAppend(command.ConversationId, command.Caller with { Kind = SenderKind.System, Name = "Chat" }, OfflineItems.DerivedId(request.Id, "answer-by"), notice),
            cancellationToken);

        return new OfflineMessageResult(sent.Message, request.Id, request.DueAt, notice);
    }

    private string AnswerByNotice(DateTimeOffset answerBy, string language)
    {
        var texts = options.Value.AnswerByNotice;
        var template = texts.GetValueOrDefault(language) ?? texts.Values.First();
        return due.FillDates(template, language, ("due", answerBy));
    }
}
