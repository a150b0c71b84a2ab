using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Email;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.OfflineQueue;

/// <summary>
/// One action of the due list (R7): the client is told the request needs longer work and will be answered by
/// the end of the responsible person's next working day. The notice is a stored system message, so a visitor
/// who is away sees it when they come back (and, in an e-mail conversation, a mail); the item's due time moves to the promised one.
/// </summary>
public sealed record SendLongerWorkNotice(Caller Caller, Guid ItemId) : ICommand<SendResult>;

public sealed class SendLongerWorkNoticeValidator : AbstractValidator<SendLongerWorkNotice>
{
    public SendLongerWorkNoticeValidator() =>
        RuleFor(c => c.ItemId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("itemId must be the id of a queued item.");
}

public sealed partial class SendLongerWorkNoticeHandler(
    ChatDbContext db,
    MessageWriter store,
    EmailOutbox mail,
    IDuePolicy due,
    TimeProvider clock,
    ILogger<SendLongerWorkNoticeHandler> logger) : ICommandHandler<SendLongerWorkNotice, SendResult>
{
    public async ValueTask<SendResult> Handle(SendLongerWorkNotice command, CancellationToken cancellationToken)
    {
        var item = await db.Set<OfflineItem>().SingleOrDefaultAsync(i => i.Id == command.ItemId, cancellationToken);
        if (item?.ConversationId is not { } conversationId)
        {
            throw new ChatException(ErrorCodes.QueuedItemNotFound, "No queued item of a conversation has this id.");
        }

        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, cancellationToken);
        var responsible = item.TargetKind == QueueTargetKind.Staff
            ? await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == item.Target, cancellationToken)
            : null;
        var answerBy = item.NoticeSentAt is null ? due.DueFor(item.DueAt, responsible) : item.DueAt;
        var sender = command.Caller with { Kind = SenderKind.System };
        var result = await store.AppendAsync(new MessageAppend(conversationId, sender, OfflineItems.DerivedId(item.Id, "longer-work"), due.LongerWorkNotice(answerBy, conversation.Language)), cancellationToken);

        // In an e-mail conversation the notice goes by mail too (again after a retry that stopped short of this).
        if (conversation.Channel == ConversationChannels.Email)
        {
            await mail.QueueAsync(conversationId, result.Message.Id, cancellationToken);
        }
        if (!result.Duplicate)
        {
            item.DueAt = answerBy;
            item.NoticeSentAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            LogNoticeSent(logger, item.Id, conversationId, answerBy);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Longer-work notice for item {ItemId} sent in conversation {ConversationId}: answer by {AnswerBy:o}")]
    private static partial void LogNoticeSent(ILogger logger, Guid itemId, Guid conversationId, DateTimeOffset answerBy);
}
