using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Chat.Server.Webhooks;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Conversations;

/// <summary>
/// An agent passes a conversation to a colleague (it becomes theirs) or to a department (it goes back to the
/// queue, marked with that department). Everyone's inbox is told, so it leaves the previous owner's list; the visitor is told
/// in a stored notice.
/// </summary>
public sealed record TransferConversation(Caller Caller, Guid ConversationId, string? ToLogin, string? ToDepartment)
    : ICommand<ConversationSummary>, IConversationRequest;

public sealed class TransferConversationValidator : AbstractValidator<TransferConversation>
{
    public TransferConversationValidator()
    {
        RuleFor(t => t.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only staff transfer conversations.");
        RuleFor(t => t).Must(t => string.IsNullOrWhiteSpace(t.ToLogin) != string.IsNullOrWhiteSpace(t.ToDepartment))
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("Give either a colleague's login or a department.").OverridePropertyName("toLogin");
        RuleFor(t => t.ToLogin).MaximumLength(64).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The login is too long.");
        RuleFor(t => t.ToDepartment).MaximumLength(32).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The department is too long.");
    }
}

public sealed partial class TransferConversationHandler(
    ChatDbContext db, ConversationNotifier notifier, VisitorNotices notices, WebhookOutbox outbox, ILogger<TransferConversationHandler> logger)
    : ICommandHandler<TransferConversation, ConversationSummary>
{
    public async ValueTask<ConversationSummary> Handle(TransferConversation command, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == command.ConversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        if (conversation.Status == ConversationStatus.Closed)
        {
            throw new ChatException(ErrorCodes.ConversationClosed, "The conversation is closed.");
        }

        ConversationHolder.EnsureHeldBy(conversation, command.Caller);

        string? colleague = null;
        if (!string.IsNullOrWhiteSpace(command.ToLogin))
        {
            var login = command.ToLogin.Trim().ToLowerInvariant();
            var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == login && s.IsActive, cancellationToken)
                ?? throw new ChatException(ErrorCodes.StaffNotFound, "No such colleague.", [new FieldError("toLogin", ErrorCodes.StaffNotFound, "No such colleague.")]);
            conversation.AssignedTo = staff.Login;
            conversation.Department = staff.Department;
            colleague = staff.DisplayName;
        }
        else
        {
            var department = command.ToDepartment!.Trim();
            if (!await db.Staff.AnyAsync(s => s.Department == department && s.IsActive, cancellationToken))
            {
                throw new ChatException(ErrorCodes.InvalidArgument, "No such department.", [new FieldError("toDepartment", ErrorCodes.InvalidArgument, "No such department.")]);
            }

            conversation.AssignedTo = null;
            conversation.Department = department;
        }

        outbox.Record(db, WebhookEvents.ConversationAssigned, conversation.Id,
            new { assignedTo = conversation.AssignedTo, department = conversation.Department, reason = AssignmentReasons.Transfer, by = command.Caller.Id });
        await db.SaveChangesAsync(cancellationToken);
        LogTransferred(logger, conversation.Id, command.Caller.Id, conversation.AssignedTo ?? conversation.Department);
        await (colleague is null
            ? notices.TransferredToDepartmentAsync(command.Caller, conversation, conversation.Department!, cancellationToken)
            : notices.TransferredToColleagueAsync(command.Caller, conversation, colleague, cancellationToken));
        await db.Entry(conversation).ReloadAsync(cancellationToken);
        var summary = conversation.ToSummary();
        notifier.InboxLineChanged(summary);
        return summary;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} transferred by {Login} to {Target}")]
    private static partial void LogTransferred(ILogger logger, Guid conversationId, string login, string? target);
}
