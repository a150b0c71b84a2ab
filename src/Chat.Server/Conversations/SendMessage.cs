using Chat.Contracts;
using Chat.Server.Attachments;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>A visitor or an agent sends a text into a conversation from the hub connection <see cref="ConnectionId"/>.</summary>
public sealed record SendMessage(Caller Caller, Guid ConversationId, Guid ClientMessageId, string? Text, IReadOnlyList<Guid>? AttachmentIds = null, string? ConnectionId = null)
    : ICommand<SendResult>, IConversationRequest;

public sealed class SendMessageValidator : AbstractValidator<SendMessage>
{
    /// <summary>The most files one message carries.</summary>
    public const int MaxAttachments = 10;

    public SendMessageValidator(IOptions<ConversationOptions> options)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        var max = options.Value.MaxMessageLength;
        RuleFor(m => m.ClientMessageId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("clientMessageId must be a non-empty id made by the client.");
        RuleFor(m => m.AttachmentIds).Must(a => a is null || a.Count <= MaxAttachments).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage($"At most {MaxAttachments} attachments per message.");
        RuleFor(m => m.AttachmentIds).Must(a => a is null || a.Count == 0).When(m => m.Caller is { IsVisitor: true, ByMail: false })
            .WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only staff attach files.");
        RuleFor(m => m.Text).Must(t => !string.IsNullOrWhiteSpace(t)).When(m => m.AttachmentIds is not { Count: > 0 })
            .WithErrorCode(ErrorCodes.EmptyMessage).WithMessage("The message is empty.");
        RuleFor(m => m.Text).MaximumLength(max).WithErrorCode(ErrorCodes.MessageTooLong).WithMessage($"The message is longer than {max} characters.")
            .PlainText();
    }
}

/// <summary>
/// Stores the send; a visitor's message about a topic of the policy makes it the conversation's topic. A client's message
/// read from their mail carries only files their mail brought into this conversation.
/// </summary>
public sealed class SendMessageHandler(MessageWriter writer, AttachmentStore attachments, ITopicCatalogue topics) : ICommandHandler<SendMessage, SendResult>
{
    public async ValueTask<SendResult> Handle(SendMessage command, CancellationToken cancellationToken)
    {
        var files = command.AttachmentIds is { Count: > 0 } ids ? await attachments.ReferencesAsync(ids, command.Caller.IsVisitor ? command.ConversationId : null, cancellationToken) : null;
        var text = command.Text?.Trim() ?? string.Empty;
        var topic = command.Caller.IsVisitor ? topics.RecogniseTopic(text, command.Caller.Language)?.Key : null;
        return await writer.AppendAsync(new MessageAppend(command.ConversationId, command.Caller, command.ClientMessageId, text, files) { Topic = topic, FromConnection = command.ConnectionId }, cancellationToken);
    }
}
