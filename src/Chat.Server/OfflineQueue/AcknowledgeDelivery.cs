using Chat.Contracts;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;

namespace Chat.Server.OfflineQueue;

/// <summary>The console shows a delivered item and confirms it, so it is not delivered again.</summary>
public sealed record AcknowledgeDelivery(Caller Caller, Guid ItemId) : ICommand;

public sealed class AcknowledgeDeliveryValidator : AbstractValidator<AcknowledgeDelivery>
{
    public AcknowledgeDeliveryValidator() =>
        RuleFor(c => c.ItemId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("itemId must be the id of a delivered item.");
}

public sealed class AcknowledgeDeliveryHandler(OfflineItems items) : ICommandHandler<AcknowledgeDelivery>
{
    public async ValueTask<Unit> Handle(AcknowledgeDelivery command, CancellationToken cancellationToken)
    {
        await items.AcknowledgeAsync(command.ItemId, command.Caller.Id, cancellationToken);
        return Unit.Value;
    }
}
