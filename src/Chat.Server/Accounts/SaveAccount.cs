using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Accounts;

/// <summary>
/// Creates one account (<c>account_exists</c> when its id is taken) or updates one (<c>account_not_found</c> when
/// there is none), under the same rules as the import; a refused account changes nothing.
/// </summary>
public sealed record SaveAccount(AccountRow Row, bool Create) : ICommand<AccountDetails>;

public sealed class SaveAccountHandler(ChatDbContext db, AccountRules rules, TimeProvider clock) : ICommandHandler<SaveAccount, AccountDetails>
{
    public async ValueTask<AccountDetails> Handle(SaveAccount command, CancellationToken cancellationToken)
    {
        var named = new[] { AccountRules.Login(command.Row.Manager), AccountRules.Login(command.Row.DedicatedManager) };
        var logins = await db.Staff.AsNoTracking().Where(s => named.Contains(s.Login)).Select(s => s.Login).ToListAsync(cancellationToken);
        var errors = new List<ImportRowError>();
        var account = rules.Check(1, command.Row, logins.ToHashSet(StringComparer.Ordinal), errors);
        if (account is null)
        {
            var fields = errors.ConvertAll(e => new FieldError(e.Field, CodeOf(e.Field), e.Message));
            throw new ChatException(fields[0].Code, fields[0].Message, fields);
        }

        account.UpdatedAt = clock.GetUtcNow();
        var stored = await db.Set<ClientAccount>().SingleOrDefaultAsync(a => a.IdKey == account.IdKey, cancellationToken);
        if (command.Create)
        {
            if (stored is not null)
            {
                throw new ChatException(ErrorCodes.AccountExists, "An account with this id exists; update it instead.");
            }

            db.Add(account);
            stored = account;
        }
        else if (stored is null)
        {
            throw new ChatException(ErrorCodes.AccountNotFound, "No account has this id.");
        }
        else if (AccountRules.CopyChanges(account, stored))
        {
            stored.UpdatedAt = account.UpdatedAt;
        }

        await db.SaveChangesAsync(cancellationToken);
        return AccountRules.ToDetails(stored);
    }

    private static string CodeOf(string field) => field switch
    {
        "phones" => ErrorCodes.InvalidPhone,
        "emails" => ErrorCodes.InvalidEmail,
        _ => ErrorCodes.InvalidArgument,
    };
}
