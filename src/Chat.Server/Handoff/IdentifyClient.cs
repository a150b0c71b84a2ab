using System.Diagnostics;
using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>
/// A visitor says which account they are and how to reach them (R6); the request is relayed to the responsible
/// consultant as a handoff, and the visitor is told how they will be contacted. A visitor the host site vouched for
/// (<see cref="Caller.VerifiedAccountId"/>) needs to type nothing: their proven account wins over anything typed, and
/// the account's contacts on file stand in for contacts not given.
/// </summary>
public sealed record IdentifyClient(
    Caller Caller,
    Guid ConversationId,
    string Address,
    Guid ClientRequestId,
    string? AccountNameOrId,
    string? Phone,
    string? Email,
    ContactMethod? PreferredChannel,
    string? Topic) : ICommand<HandoffReceipt>, IConversationRequest;

public sealed class IdentifyClientValidator : AbstractValidator<IdentifyClient>
{
    public IdentifyClientValidator(IOptions<AccountOptions> options)
    {
        this.ClientRequestId(r => r.ClientRequestId);
        this.Account(r => r.AccountNameOrId, required: r => r.Caller.VerifiedAccountId is null);
        this.Phone(r => r.Phone, () => options.Value.DefaultPhoneRegion);
        this.Email(r => r.Email);
        this.Topic(r => r.Topic);
        RuleFor(r => r).Must(r => r.Caller.VerifiedAccountId is not null || !string.IsNullOrWhiteSpace(r.Phone) || !string.IsNullOrWhiteSpace(r.Email))
            .WithErrorCode(ErrorCodes.ContactRequired).WithMessage("Give a phone number or an e-mail address, or both.")
            .OverridePropertyName("contact");
        RuleFor(r => r.PreferredChannel).IsInEnum().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("preferredChannel is Phone or Email.")
            .OverridePropertyName("preferredChannel");
    }
}

/// <summary>
/// Identifies and relays. What the visitor is told depends only on what they typed, never on whether the account exists
/// or on its tariff (those go to the consultant's card), and it comes after the same time either way
/// (<see cref="HandoffOptions.IdentifyAnswerAfter"/>), so that the answer cannot be used to find out who is a client.
/// </summary>
public sealed class IdentifyClientHandler(
    HandoffRouter router, HandoffDesk desk, IdentificationLimiter limiter, IOptions<AccountOptions> options, IOptions<HandoffOptions> handoffOptions)
    : ICommandHandler<IdentifyClient, HandoffReceipt>
{
    public async ValueTask<HandoffReceipt> Handle(IdentifyClient command, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await limiter.AttemptAsync(command.Caller.Id, command.Address, cancellationToken);
        var proven = command.Caller.VerifiedAccountId;
        var accountGiven = proven ?? command.AccountNameOrId!.Trim();
        var account = await router.FindAccountAsync(accountGiven, byName: proven is null, cancellationToken);
        var phone = AccountKeys.NormalisePhone(command.Phone, options.Value.DefaultPhoneRegion);
        var email = AccountKeys.NormaliseEmail(command.Email);
        if (proven is not null && phone is null && email is null)
        {
            (phone, email) = (account?.PhoneList.FirstOrDefault(), account?.EmailList.FirstOrDefault());
            if (phone is null && email is null)
            {
                throw new ChatException(ErrorCodes.ContactRequired, "Give a phone number or an e-mail address, or both.",
                    [new FieldError("contact", ErrorCodes.ContactRequired, "Give a phone number or an e-mail address, or both.")]);
            }
        }

        var route = await router.RouteAsync(account, phone, email, cancellationToken);
        var language = await desk.LanguageAsync(command.ConversationId, cancellationToken);
        var contactBy = HandoffRouter.ContactsGiven(phone, email);
        var notice = router.Notice(contactBy, language);
        var draft = new HandoffDraft(command.ConversationId, HandoffKind.Identification, command.ClientRequestId, accountGiven, phone, email,
            command.PreferredChannel, HandoffRules.Clean(command.Topic), IdentityVerified: proven is not null);
        var (handoff, duplicate) = await desk.RelayAsync(draft, route, notice, cancellationToken);
        var wait = handoffOptions.Value.IdentifyAnswerAfter - Stopwatch.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        return new HandoffReceipt(handoff.Id, handoff.Status, contactBy, notice, duplicate);
    }
}
