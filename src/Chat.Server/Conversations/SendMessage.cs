using Chat.Contracts;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>A visitor or an agent sends a text into a conversation.</summary>
public sealed record SendMessage(Caller Caller, Guid ConversationId, Guid ClientMessageId, string? Text)
    : ICommand<SendResult>, IConversationRequest;

public sealed class SendMessageValidator : AbstractValidator<SendMessage>
{
    public SendMessageValidator(IOptions<ConversationOptions> options)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        var max = options.Value.MaxMessageLength;
        RuleFor(m => m.ClientMessageId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("clientMessageId must be a non-empty id made by the client.");
        RuleFor(m => m.Text).NotEmpty().WithErrorCode(ErrorCodes.EmptyMessage).WithMessage("The message is empty.")
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithErrorCode(ErrorCodes.EmptyMessage).WithMessage("The message is empty.")
            .MaximumLength(max).WithErrorCode(ErrorCodes.MessageTooLong).WithMessage($"The message is longer than {max} characters.");
    }
}

public sealed class SendMessageHandler(MessageStore store, ConversationNotifier notifier, IPublisher publisher) : ICommandHandler<SendMessage, SendResult>
{
    public async ValueTask<SendResult> Handle(SendMessage command, CancellationToken cancellationToken)
    {
        var result = await store.AppendAsync(command.ConversationId, command.Caller, command.ClientMessageId, command.Text!.Trim(), cancellationToken);
        if (!result.Duplicate)
        {
            var summary = await store.SummaryAsync(command.ConversationId, CancellationToken.None);
            await notifier.MessageStoredAsync(result.Message, summary);
            await publisher.Publish(new MessageStored(command.Caller, result.Message), cancellationToken);
        }

        return result;
    }
}
