using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Handoff;

/// <summary>
/// The addressed consultant moves a handoff on: the console acknowledges it (delivered), opens it (read), takes
/// it on (accepted; a pool handoff becomes theirs) or records how they contacted the client (contacted).
/// </summary>
public sealed record AdvanceHandoff(Caller Caller, Guid HandoffId, HandoffStatus Status, ContactMethod? Method = null)
    : ICommand<HandoffCard>, IHandoffRequest;

public sealed class AdvanceHandoffValidator : AbstractValidator<AdvanceHandoff>
{
    public AdvanceHandoffValidator()
    {
        RuleFor(r => r.Status).Must(s => s is > HandoffStatus.Relayed and <= HandoffStatus.Contacted)
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("A handoff moves on to Delivered, Read, Accepted or Contacted.");
        RuleFor(r => r.Method).NotNull().IsInEnum().When(r => r.Status == HandoffStatus.Contacted)
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("Say how the client was contacted: Phone or Email.").OverridePropertyName("method");
    }
}

public sealed class AdvanceHandoffHandler(ChatDbContext db, HandoffDesk desk) : ICommandHandler<AdvanceHandoff, HandoffCard>
{
    public async ValueTask<HandoffCard> Handle(AdvanceHandoff command, CancellationToken cancellationToken)
    {
        var handoff = await db.Set<HandoffRecord>().SingleAsync(h => h.Id == command.HandoffId, cancellationToken);
        var staff = await db.Staff.AsNoTracking().SingleAsync(s => s.Login == command.Caller.Id, cancellationToken);
        if (!HandoffDesk.IsAddressee(handoff, staff))
        {
            throw new ChatException(ErrorCodes.Forbidden, "Only the consultant the handoff is addressed to moves it on.");
        }

        await desk.AdvanceAsync(handoff, command.Status, staff.Login, command.Method, cancellationToken);
        return await desk.CardAsync(handoff, cancellationToken);
    }
}
