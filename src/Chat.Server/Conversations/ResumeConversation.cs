using Chat.Contracts;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>A client that has everything up to <see cref="AfterSequence"/> asks for the rest, in order.</summary>
public sealed record ResumeConversation(Caller Caller, Guid ConversationId, long AfterSequence)
    : IQuery<ResumeResult>, IConversationRequest;

public sealed class ResumeConversationValidator : AbstractValidator<ResumeConversation>
{
    public ResumeConversationValidator() =>
        RuleFor(q => q.AfterSequence).GreaterThanOrEqualTo(0).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("afterSequence must be 0 or the sequence number of a message the client has.");
}

public sealed class ResumeConversationHandler(MessageStore store, IOptions<ConversationOptions> options)
    : IQueryHandler<ResumeConversation, ResumeResult>
{
    public async ValueTask<ResumeResult> Handle(ResumeConversation query, CancellationToken cancellationToken) =>
        await store.ReadAfterAsync(query.ConversationId, query.AfterSequence, options.Value.ResumePageSize, cancellationToken);
}
