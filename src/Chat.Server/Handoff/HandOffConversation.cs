using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>
/// A call-centre specialist passes a conversation to the client's responsible manager in one action. The account
/// and the contacts default to what the visitor gave when they identified themselves.
/// </summary>
public sealed record HandOffConversation(
    Caller Caller,
    Guid ConversationId,
    Guid ClientRequestId,
    string? AccountNameOrId,
    string? Phone,
    string? Email,
    string? Topic) : ICommand<HandoffCard>, IConversationRequest;

public sealed class HandOffConversationValidator : AbstractValidator<HandOffConversation>
{
    public HandOffConversationValidator(IOptions<AccountOptions> options)
    {
        this.ClientRequestId(r => r.ClientRequestId);
        this.Account(r => r.AccountNameOrId, required: _ => false);
        this.Phone(r => r.Phone, () => options.Value.DefaultPhoneRegion);
        this.Email(r => r.Email);
        this.Topic(r => r.Topic);
    }
}

public sealed class HandOffConversationHandler(HandoffRouter router, HandoffDesk desk, IOptions<AccountOptions> options)
    : ICommandHandler<HandOffConversation, HandoffCard>
{
    public async ValueTask<HandoffCard> Handle(HandOffConversation command, CancellationToken cancellationToken)
    {
        var identified = await desk.LatestIdentificationAsync(command.ConversationId, verifiedOnly: false, cancellationToken);
        var typed = HandoffRules.Clean(command.AccountNameOrId);
        var accountGiven = typed ?? identified?.AccountGiven
            ?? throw new ChatException(ErrorCodes.AccountRequired, "The visitor has not identified an account; give the account's name or ID.",
                [new FieldError("accountNameOrId", ErrorCodes.AccountRequired, "Give the account's name or ID.")]);
        var phone = AccountKeys.NormalisePhone(command.Phone, options.Value.DefaultPhoneRegion) ?? identified?.Phone;
        var email = AccountKeys.NormaliseEmail(command.Email) ?? identified?.Email;
        var account = await router.FindAccountAsync(accountGiven, byName: true, cancellationToken);
        var route = await router.RouteAsync(account, phone, email, cancellationToken);
        var notice = router.Notice(route, await desk.LanguageAsync(command.ConversationId, cancellationToken));
        var draft = new HandoffDraft(command.ConversationId, HandoffKind.AgentInitiated, command.ClientRequestId, accountGiven, phone, email,
            identified?.PreferredChannel, HandoffRules.Clean(command.Topic) ?? identified?.Topic, HandedOffBy: command.Caller.Id,
            IdentityVerified: typed is null && identified?.IdentityVerified == true);
        var (handoff, _) = await desk.RelayAsync(draft, route, notice, cancellationToken);
        return await desk.CardAsync(handoff, cancellationToken);
    }
}
