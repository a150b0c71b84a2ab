using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Conversations;

/// <summary>
/// An agent answers a question outside the managers' competence with the policy's ready redirect (R8), or one nobody
/// could answer with the community and support (R11): the policy's text in the visitor's language, sent as the agent's message.
/// </summary>
public sealed record RedirectConversation(Caller Caller, Guid ConversationId, Guid ClientMessageId, string? Topic)
    : ICommand<SendResult>, IConversationRequest;

public sealed class RedirectConversationValidator : AbstractValidator<RedirectConversation>
{
    public RedirectConversationValidator(ITopicCatalogue catalogue)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only staff redirect conversations.");
        RuleFor(r => r.ClientMessageId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("clientMessageId must be a non-empty id made by the client.");
        var topics = string.Join(", ", catalogue.Topics.Where(t => t.IsRedirected).Select(t => t.Key).Append(RedirectRequest.NoAnswer));
        RuleFor(r => r.Topic).Must(t => t == RedirectRequest.NoAnswer || (t is not null && catalogue.FindTopic(t) is { IsRedirected: true }))
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage($"The topic must be one of: {topics}.");
    }
}

public sealed partial class RedirectConversationHandler(ChatDbContext db, MessageWriter writer, ITopicCatalogue catalogue, ILogger<RedirectConversationHandler> logger)
    : ICommandHandler<RedirectConversation, SendResult>
{
    public async ValueTask<SendResult> Handle(RedirectConversation command, CancellationToken cancellationToken)
    {
        var language = await db.Conversations.Where(c => c.Id == command.ConversationId).Select(c => c.Language).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        var redirect = command.Topic == RedirectRequest.NoAnswer ? null : catalogue.RedirectFor(catalogue.FindTopic(command.Topic!)!, language);
        var text = redirect?.Message ?? catalogue.NoAnswerMessage(language);
        var result = await writer.AppendAsync(new MessageAppend(command.ConversationId, command.Caller, command.ClientMessageId, text), cancellationToken);
        if (!result.Duplicate)
        {
            LogRedirected(logger, command.ConversationId, command.Topic!, redirect?.Department.Key ?? catalogue.NoAnswerDepartment.Key, command.Caller.Id);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} answered with the ready redirect for {Topic} to {Department} by {Login}")]
    private static partial void LogRedirected(ILogger logger, Guid conversationId, string topic, string department, string login);
}
