using Chat.Contracts;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;

namespace Chat.Server.Presence;

/// <summary>An agent sets their status in the console; the answer is their presence as everyone now sees it.</summary>
public sealed record SetAgentStatus(Caller Caller, AgentStatus Status) : ICommand<AgentPresence?>;

public sealed class SetAgentStatusValidator : AbstractValidator<SetAgentStatus>
{
    public SetAgentStatusValidator() =>
        RuleFor(c => c.Status).IsInEnum().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("status must be Online, Away or Offline.");
}

public sealed class SetAgentStatusHandler(IPresence presence, PresenceTracker tracker, PresenceBoard board) : ICommandHandler<SetAgentStatus, AgentPresence?>
{
    public async ValueTask<AgentPresence?> Handle(SetAgentStatus command, CancellationToken cancellationToken)
    {
        await presence.SetStatusAsync(command.Caller.Id, command.Status, cancellationToken);
        tracker.Changed.Set();
        var view = await board.ReadAsync(cancellationToken);
        return view.Snapshot.Agents.SingleOrDefault(a => a.Login == command.Caller.Id);
    }
}
