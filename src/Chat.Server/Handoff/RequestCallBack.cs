using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>
/// An identified visitor orders a call-back (R3, R5): only when their tariff has the call-back channel, to the
/// phone given, in a window within the responsible consultant's hours. It becomes a handoff like any other.
/// </summary>
public sealed record RequestCallBack(
    Caller Caller,
    Guid ConversationId,
    string Address,
    Guid ClientRequestId,
    string? Phone,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Topic) : ICommand<HandoffReceipt>, IConversationRequest;

public sealed class RequestCallBackValidator : AbstractValidator<RequestCallBack>
{
    public RequestCallBackValidator(IOptions<AccountOptions> options)
    {
        this.ClientRequestId(r => r.ClientRequestId);
        RuleFor(r => r.Phone).NotEmpty().WithErrorCode(ErrorCodes.InvalidPhone).WithMessage("Give the phone number to call.").OverridePropertyName("phone");
        this.Phone(r => r.Phone, () => options.Value.DefaultPhoneRegion);
        this.Topic(r => r.Topic);
        RuleFor(r => r.To).GreaterThan(r => r.From).WithErrorCode(ErrorCodes.InvalidWindow).WithMessage("The window must end after it starts.")
            .OverridePropertyName("to");
    }
}

public sealed class RequestCallBackHandler(
    ChatDbContext db,
    HandoffRouter router,
    HandoffDesk desk,
    IdentificationLimiter limiter,
    IConsultantRouting routing,
    IOfficeCalendar calendar,
    IVisitorTexts visitorTexts,
    IOptions<AccountOptions> accountOptions,
    IOptions<HandoffOptions> options,
    TimeProvider clock)
    : ICommandHandler<RequestCallBack, HandoffReceipt>
{
    public async ValueTask<HandoffReceipt> Handle(RequestCallBack command, CancellationToken cancellationToken)
    {
        await limiter.AttemptAsync(command.Caller.Id, command.Address, cancellationToken);
        var language = await desk.LanguageAsync(command.ConversationId, cancellationToken);
        var texts = options.Value.Texts[language];
        var identified = await desk.LatestIdentificationAsync(command.ConversationId, verifiedOnly: true, cancellationToken);
        var key = identified?.AccountId is null ? null : AccountKeys.Normalise(identified.AccountId);
        var account = key is null ? null : await db.Set<ClientAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.IdKey == key, cancellationToken);
        var tariff = account is null ? null : routing.FindTariff(account.Tariff);
        if (identified is null || account is null || tariff is null)
        {
            throw new ChatException(ErrorCodes.NotIdentified, texts.NotIdentified);
        }

        if (!tariff.Allows(ContactChannel.CallBack))
        {
            var channels = string.Join(", ", tariff.Channels.Select(c => texts.Channels[c]));
            throw new ChatException(ErrorCodes.CallBackNotAllowed, PolicyTemplate.Fill(texts.CallBackRefused, ("channels", channels)));
        }

        var phone = AccountKeys.NormalisePhone(command.Phone, accountOptions.Value.DefaultPhoneRegion);
        var route = await router.RouteAsync(account, phone, null, cancellationToken);
        var hours = await HoursAsync(route, cancellationToken);
        if (!Fits(hours, command.From, command.To))
        {
            var message = PolicyTemplate.Fill(texts.OutsideHours,
                ("start", hours.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                ("end", hours.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
            throw new ChatException(ErrorCodes.InvalidWindow, message, [new FieldError("from", ErrorCodes.InvalidWindow, message)]);
        }

        var notice = visitorTexts.FillDates(texts.CallBackAccepted, language, ("from", command.From), ("to", command.To));
        var draft = new HandoffDraft(command.ConversationId, HandoffKind.CallBack, command.ClientRequestId, identified.AccountGiven, phone, identified.Email,
            ContactMethod.Phone, HandoffRules.Clean(command.Topic), command.From, command.To, IdentityVerified: identified.IdentityVerified);
        var (handoff, duplicate) = await desk.RelayAsync(draft, route, notice, cancellationToken);
        return new HandoffReceipt(handoff.Id, handoff.Status, [ContactMethod.Phone], notice, duplicate);
    }

    /// <summary>The assigned manager's shift, or head-office hours for a pool.</summary>
    private async Task<WorkingHours> HoursAsync(HandoffRoute route, CancellationToken cancellationToken)
    {
        var manager = route.AssignedLogin is null ? null : await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == route.AssignedLogin, cancellationToken);
        return manager is null ? calendar.OfficeHours : WorkingHours.Of(manager);
    }

    /// <summary>The window lies in the future, on one working day, inside the hours.</summary>
    private bool Fits(WorkingHours hours, DateTimeOffset from, DateTimeOffset to)
    {
        var last = to.AddMinutes(-1);
        return from >= clock.GetUtcNow() && calendar.IsOnShift(hours, from) && calendar.IsOnShift(hours, last)
            && calendar.DayOf(from) == calendar.DayOf(last);
    }
}
