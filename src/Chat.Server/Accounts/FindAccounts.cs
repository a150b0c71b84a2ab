using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Accounts;

/// <summary>
/// The accounts with an ID (also typed as <c>#10001</c> or <c>№ 10001</c>), a name (whatever the case, spacing, quotes and
/// legal form), a phone (any format of <c>Chat:Accounts:DefaultPhoneRegion</c>) or an e-mail on file: exactly one of them.
/// </summary>
public sealed record FindAccounts(string? Id, string? Name, string? Phone, string? Email) : IQuery<IReadOnlyList<AccountDetails>>;

public sealed class FindAccountsValidator : AbstractValidator<FindAccounts>
{
    public FindAccountsValidator(IOptions<AccountOptions> options)
    {
        RuleFor(q => q).Must(q => new[] { q.Id, q.Name, q.Phone, q.Email }.Count(v => !string.IsNullOrWhiteSpace(v)) == 1)
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("Give exactly one of id, name, phone and email.").OverridePropertyName("query");
        RuleFor(q => q.Id).MaximumLength(100).WithErrorCode(ErrorCodes.AccountTooLong).WithMessage("An account id is at most 100 characters.");
        RuleFor(q => q.Name).MaximumLength(200).WithErrorCode(ErrorCodes.AccountTooLong).WithMessage("An account name is at most 200 characters.");
        RuleFor(q => q.Phone).Must(p => AccountKeys.NormalisePhone(p, options.Value.DefaultPhoneRegion) is not null).When(q => !string.IsNullOrWhiteSpace(q.Phone))
            .WithErrorCode(ErrorCodes.InvalidPhone).WithMessage("The phone number does not parse.");
        RuleFor(q => q.Email).Must(e => AccountKeys.NormaliseEmail(e) is not null).When(q => !string.IsNullOrWhiteSpace(q.Email))
            .WithErrorCode(ErrorCodes.InvalidEmail).WithMessage("Not one plain e-mail address.");
    }
}

public sealed class FindAccountsHandler(ChatDbContext db, IOptions<AccountOptions> options) : IQueryHandler<FindAccounts, IReadOnlyList<AccountDetails>>
{
    private const int MostFound = 50;

    public async ValueTask<IReadOnlyList<AccountDetails>> Handle(FindAccounts query, CancellationToken cancellationToken)
    {
        var accounts = db.Set<ClientAccount>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Id))
        {
            var keys = AccountKeys.IdKeys(query.Id);
            accounts = accounts.Where(a => keys.Contains(a.IdKey));
        }
        else if (!string.IsNullOrWhiteSpace(query.Name))
        {
            var keys = new[] { AccountKeys.NameKey(query.Name), AccountKeys.Normalise(query.Name) };
            accounts = accounts.Where(a => keys.Contains(a.NameKey));
        }
        else
        {
            var contact = query.Phone is { } phone && !string.IsNullOrWhiteSpace(phone)
                ? AccountKeys.NormalisePhone(phone, options.Value.DefaultPhoneRegion)!
                : AccountKeys.NormaliseEmail(query.Email)!;
            accounts = accounts.WithContact(contact, phones: true, emails: true);
        }

        var found = await accounts.OrderBy(a => a.IdKey).Take(MostFound).ToListAsync(cancellationToken);
        return found.ConvertAll(AccountRules.ToDetails);
    }
}
