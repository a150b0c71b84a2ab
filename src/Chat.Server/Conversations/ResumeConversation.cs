using Chat.Contracts;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>
/// A client that has everything up to <see cref="AfterSequence"/> asks for the rest, in order: at most
/// <see cref="Limit"/> messages, and never more than <c>Chat:Conversations:ResumePageSize</c>.
/// </summary>
public sealed record ResumeConversation(Caller Caller, Guid ConversationId, long AfterSequence, int? Limit = null)
    : IQuery<ResumeResult>, IConversationRequest;

public sealed class ResumeConversationValidator : AbstractValidator<ResumeConversation>
{
    public ResumeConversationValidator(IOptions<ConversationOptions> options)
    {
        RuleFor(q => q.AfterSequence).GreaterThanOrEqualTo(0).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("afterSequence must be 0 or the sequence number of a message the client has.");
        RuleFor(q => q.Limit).InclusiveBetween(1, options.Value.ResumePageSize).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage($"limit is 1 to {options.Value.ResumePageSize}.");
    }
}

public sealed class ResumeConversationHandler(MessageStore store, IOptions<ConversationOptions> options)
    : IQueryHandler<ResumeConversation, ResumeResult>
{
    public async ValueTask<ResumeResult> Handle(ResumeConversation query, CancellationToken cancellationToken) =>
        await store.ReadAfterAsync(query.ConversationId, query.AfterSequence, query.Limit ?? options.Value.ResumePageSize, cancellationToken);
}
