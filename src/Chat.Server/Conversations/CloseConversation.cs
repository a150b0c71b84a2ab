using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Handoff;
using Chat.Server.Pipeline;
using Chat.Server.Ratings;
using Chat.Server.Storage;
using Chat.Server.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Conversations;

/// <summary>
/// An agent closes a conversation. Its handling time runs from the first agent message to the close; the
/// preparation minutes the manager enters are added to it, and both count for the client's company (R9).
/// The visitor is told in a stored notice, written before the close (a message reopens a closed conversation), and asked
/// for a rating once the close is stored, unless they rated it before; a visitor who writes again reopens it.
/// </summary>
public sealed record CloseConversation(Caller Caller, Guid ConversationId, int? PreparationMinutes) : ICommand<ClosedConversation>, IConversationRequest;

public sealed class CloseConversationValidator : AbstractValidator<CloseConversation>
{
    public const int MaxPreparationMinutes = 600;

    public CloseConversationValidator()
    {
        RuleFor(c => c.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only staff close conversations.");
        RuleFor(c => c.PreparationMinutes).InclusiveBetween(0, MaxPreparationMinutes).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage($"Preparation takes 0 to {MaxPreparationMinutes} minutes.");
    }
}

public sealed partial class CloseConversationHandler(
    ChatDbContext db, ConversationNotifier notifier, VisitorNotices notices, WebhookOutbox outbox, TimeProvider clock, ILogger<CloseConversationHandler> logger)
    : ICommandHandler<CloseConversation, ClosedConversation>
{
    public async ValueTask<ClosedConversation> Handle(CloseConversation command, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == command.ConversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        ConversationHolder.EnsureHeldBy(conversation, command.Caller);
        if (conversation.Status == ConversationStatus.Open)
        {
            await notices.ClosedAsync(command.Caller, conversation, cancellationToken);
            await db.Entry(conversation).ReloadAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var firstAnswer = await db.Messages.Where(m => m.ConversationId == conversation.Id && m.Sender == SenderKind.Agent)
                .OrderBy(m => m.Sequence).Select(m => (DateTimeOffset?)m.SentAt).FirstOrDefaultAsync(cancellationToken);
            conversation.Status = ConversationStatus.Closed;
            conversation.ClosedAt = now;
            conversation.HandlingSeconds = firstAnswer is { } first && now > first ? (now - first).TotalSeconds : 0;
            conversation.PreparationMinutes = command.PreparationMinutes ?? 0;
            conversation.Company = await db.Set<HandoffRecord>().Where(h => h.ConversationId == conversation.Id && h.Company != null)
                .OrderByDescending(h => h.CreatedAt).Select(h => h.Company).FirstOrDefaultAsync(cancellationToken);
            outbox.Record(db, WebhookEvents.ConversationClosed, conversation.Id, new
            {
                closedBy = command.Caller.Id,
                closedAt = now,
                handlingMinutes = Math.Round(conversation.HandlingSeconds / 60, 1),
                preparationMinutes = conversation.PreparationMinutes,
                company = conversation.Company,
            });
            await db.SaveChangesAsync(cancellationToken);
            LogClosed(logger, conversation.Id, command.Caller.Id, conversation.HandlingSeconds / 60, conversation.PreparationMinutes);
            notifier.InboxLineChanged(conversation.ToSummary());
            if (!await db.Set<RatingRecord>().AnyAsync(r => r.ConversationId == conversation.Id, cancellationToken))
            {
                await notifier.RatingAskedAsync(conversation.Id);
            }
        }

        return new ClosedConversation(conversation.ToSummary(), Math.Round(conversation.HandlingSeconds / 60, 1), conversation.PreparationMinutes, conversation.Company);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} closed by {Login}: {HandlingMinutes:0.0} min handling, {PreparationMinutes} min preparation")]
    private static partial void LogClosed(ILogger logger, Guid conversationId, string login, double handlingMinutes, int preparationMinutes);
}
