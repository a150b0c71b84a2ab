using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Conversations;

/// <summary>
/// The caller has read the other side's messages up to <see cref="Sequence"/>: a visitor moves the conversation's visitor
/// mark, an agent the agents' mark. Clamped to the last message; a mark never goes back.
/// </summary>
public sealed record MarkRead(Caller Caller, Guid ConversationId, long Sequence) : ICommand<long>, IConversationRequest;

public sealed class MarkReadValidator : AbstractValidator<MarkRead>
{
    public MarkReadValidator() =>
        RuleFor(r => r.Sequence).GreaterThanOrEqualTo(0).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("sequence must be 0 or the sequence number of a message the client has shown.");
}

public sealed class MarkReadHandler(ChatDbContext db, ConversationNotifier notifier) : ICommandHandler<MarkRead, long>
{
    public async ValueTask<long> Handle(MarkRead command, CancellationToken cancellationToken)
    {
        var (id, sequence) = (command.ConversationId, command.Sequence);
        var conversations = db.Conversations.Where(c => c.Id == id);
        var moved = command.Caller.IsVisitor
            ? await conversations.Where(c => c.VisitorReadSequence < sequence && c.VisitorReadSequence < c.LastSequence)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.VisitorReadSequence, c => c.LastSequence < sequence ? c.LastSequence : sequence), cancellationToken)
            : await conversations.Where(c => c.AgentReadSequence < sequence && c.AgentReadSequence < c.LastSequence)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.AgentReadSequence, c => c.LastSequence < sequence ? c.LastSequence : sequence), cancellationToken);
        var mark = await conversations
            .Select(c => (long?)(command.Caller.IsVisitor ? c.VisitorReadSequence : c.AgentReadSequence))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        if (moved > 0)
        {
            await notifier.ReadAsync(new ReadMark(id, command.Caller.Kind, mark));
        }

        return mark;
    }
}

/// <summary>The caller started or stopped typing. A hint: nothing is stored or checked beyond who may touch the conversation.</summary>
public sealed record SignalTyping(Caller Caller, Guid ConversationId, bool IsTyping, string? ConnectionId) : ICommand, IConversationRequest;

public sealed class SignalTypingValidator : AbstractValidator<SignalTyping>
{
    public SignalTypingValidator() =>
        RuleFor(t => t.ConversationId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("conversationId is required.");
}

public sealed class SignalTypingHandler(ConversationNotifier notifier) : ICommandHandler<SignalTyping>
{
    public async ValueTask<Unit> Handle(SignalTyping command, CancellationToken cancellationToken)
    {
        var login = command.Caller.IsVisitor ? null : command.Caller.Id;
        await notifier.TypingAsync(new TypingState(command.ConversationId, command.Caller.Kind, command.Caller.Name, command.IsTyping, login), command.ConnectionId);
        return Unit.Value;
    }
}
