using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Pipeline;
using Chat.Server.Realtime;
using Chat.Server.Storage;
using Chat.Server.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Ratings;

/// <summary>
/// The visitor rates their conversation once it was closed. The first rating stands: a repeat, from a second tab or a
/// retry, returns it with <c>duplicate</c>. The agents following the conversation hear it, and every supervisor when
/// the score is at or below <see cref="RatingOptions.NotifySupervisorsAtOrBelow"/>.
/// </summary>
public sealed record RateConversation(Caller Caller, Guid ConversationId, int Score, string? Comment) : ICommand<RatingResult>, IConversationRequest;

public sealed class RateConversationValidator : AbstractValidator<RateConversation>
{
    public RateConversationValidator(IOptions<RatingOptions> options)
    {
        var max = options.Value.MaxCommentLength;
        RuleFor(r => r.Caller.IsVisitor).Equal(true).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only the visitor rates a conversation.");
        RuleFor(r => r.Score).InclusiveBetween(1, 5).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The score is a whole number from 1 to 5.");
        RuleFor(r => r.Comment).MaximumLength(max).WithErrorCode(ErrorCodes.MessageTooLong).WithMessage($"The comment is longer than {max} characters.")
            .PlainText();
    }
}

public sealed partial class RateConversationHandler(
    ChatDbContext db,
    LiveFeed feed,
    WebhookOutbox outbox,
    TimeProvider clock,
    IOptions<RatingOptions> options,
    ILogger<RateConversationHandler> logger) : ICommandHandler<RateConversation, RatingResult>
{
    public async ValueTask<RatingResult> Handle(RateConversation command, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.ConversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        if (await FindAsync(cancellationToken) is { } earlier)
        {
            return new RatingResult(earlier.ToContract(), Duplicate: true);
        }

        if (conversation.ClosedAt is null)
        {
            throw new ChatException(ErrorCodes.NotClosed, "A conversation is rated once it is closed.");
        }

        var rating = new RatingRecord
        {
            ConversationId = conversation.Id,
            Score = command.Score,
            Comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim(),
            RatedAt = clock.GetUtcNow(),
            AgentLogin = conversation.AssignedTo,
        };
        db.Add(rating);
        outbox.Record(db, WebhookEvents.RatingReceived, conversation.Id, rating.ToContract());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another tab rated at the same moment: its rating is the first.
            db.ChangeTracker.Clear();
            return new RatingResult((await FindAsync(cancellationToken))!.ToContract(), Duplicate: true);
        }

        // Answer with the rating as the database keeps it (its clock precision), as a repeat will read it.
        db.ChangeTracker.Clear();
        var stored = (await FindAsync(cancellationToken))!.ToContract();
        LogRated(logger, conversation.Id, stored.Score, stored.AgentLogin);
        await feed.PushAsync(Pushes(stored));
        return new RatingResult(stored, Duplicate: false);

        Task<RatingRecord?> FindAsync(CancellationToken token) =>
            db.Set<RatingRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.ConversationId == command.ConversationId, token);
    }

    private List<Push> Pushes(ConversationRating rating)
    {
        var pushes = new List<Push> { new(Audience.Agents(rating.ConversationId), nameof(IAgentClient.ConversationRated), rating) };
        if (rating.Score <= options.Value.NotifySupervisorsAtOrBelow)
        {
            pushes.Add(new Push(Audience.Supervisors, nameof(IAgentClient.ConversationRated), rating));
        }

        return pushes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} rated {Score} (agent {Login})")]
    private static partial void LogRated(ILogger logger, Guid conversationId, int score, string? login);
}

/// <summary>
/// The visitor's question: should the widget ask for a rating now (closed, not rated; not once the visitor wrote again
/// and reopened it), and the rating if there is one.
/// </summary>
public sealed record GetRatingState(Caller Caller, Guid ConversationId) : IQuery<RatingState>, IConversationRequest;

public sealed class GetRatingStateHandler(ChatDbContext db) : IQueryHandler<GetRatingState, RatingState>
{
    public async ValueTask<RatingState> Handle(GetRatingState query, CancellationToken cancellationToken)
    {
        var closed = await db.Conversations.AsNoTracking().Where(c => c.Id == query.ConversationId).Select(c => (bool?)(c.Status == ConversationStatus.Closed))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        var rating = await db.Set<RatingRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.ConversationId == query.ConversationId, cancellationToken);
        return new RatingState(closed && rating is null, rating?.ToContract());
    }
}
