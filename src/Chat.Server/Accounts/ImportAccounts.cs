using Chat.Contracts;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Accounts;

/// <summary>Creates or updates client accounts by id. Bad rows are reported by line; the good ones are stored.</summary>
public sealed record ImportAccounts(IReadOnlyList<NumberedRow<AccountRow>> Rows) : ICommand<ImportResult>;

public sealed partial class ImportAccountsHandler(
    ChatDbContext db, IConsultantRouting routing, IOptions<AccountOptions> options, TimeProvider clock, ILogger<ImportAccountsHandler> logger)
    : ICommandHandler<ImportAccounts, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportAccounts command, CancellationToken cancellationToken)
    {
        var errors = new List<ImportRowError>();
        var staff = await db.Staff.AsNoTracking().Select(s => s.Login).ToListAsync(cancellationToken);
        var logins = staff.ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<ClientAccount>();
        var now = clock.GetUtcNow();
        foreach (var (line, row) in command.Rows)
        {
            var account = Check(line, row, logins, errors);
            if (account is null)
            {
                continue;
            }

            if (seen.TryGetValue(account.IdKey, out var first))
            {
                errors.Add(new ImportRowError(line, "id", $"The account id already appears on line {first}."));
                continue;
            }

            seen[account.IdKey] = line;
            account.UpdatedAt = now;
            candidates.Add(account);
        }

        var (inserted, updated, unchanged) = (0, 0, 0);
        var accounts = db.Set<ClientAccount>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var batch in candidates.Chunk(options.Value.ImportBatchSize))
        {
            var keys = batch.Select(a => a.IdKey).ToList();
            var existing = await accounts.Where(a => keys.Contains(a.IdKey)).ToDictionaryAsync(a => a.IdKey, StringComparer.Ordinal, cancellationToken);
            foreach (var account in batch)
            {
                if (!existing.TryGetValue(account.IdKey, out var stored))
                {
                    accounts.Add(account);
                    inserted++;
                }
                else if (CopyChanges(account, stored))
                {
                    stored.UpdatedAt = now;
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        LogImported(logger, command.Rows.Count, inserted, updated, unchanged, errors.Count);
        return new ImportResult(command.Rows.Count, inserted, updated, unchanged, errors);
    }

    private ClientAccount? Check(int line, AccountRow? row, HashSet<string> logins, List<ImportRowError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new ImportRowError(line, field, message));
        if (row is null)
        {
            Fail("row", "The row is empty.");
            return null;
        }

        var id = row.Id?.Trim();
        var name = row.Name?.Trim();
        if (string.IsNullOrEmpty(id) || id.Length > 100 || ImportRows.HasControlOrMarkup(id))
        {
            Fail("id", "The account id is required: up to 100 characters, no control characters or markup.");
        }

        if (string.IsNullOrEmpty(name) || name.Length > 200 || ImportRows.HasControlOrMarkup(name))
        {
            Fail("name", "The account name is required: up to 200 characters, no control characters or markup.");
        }

        if (row.Company is { Length: > 200 } || ImportRows.HasControlOrMarkup(row.Company))
        {
            Fail("company", "The company is up to 200 characters, without control characters or markup.");
        }

        var tariff = string.IsNullOrWhiteSpace(row.Tariff) ? null : routing.FindTariff(row.Tariff.Trim());
        if (tariff is null)
        {
            Fail("tariff", $"The tariff must be one of: {string.Join(", ", routing.Tariffs.Select(t => t.Key))}.");
        }

        var manager = Login(row.Manager);
        if (manager is not null && !logins.Contains(manager))
        {
            Fail("manager", "No staff member has this login; import the staff first.");
        }

        var dedicated = Login(row.DedicatedManager);
        if (dedicated is not null && !logins.Contains(dedicated))
        {
            Fail("dedicatedManager", "No staff member has this login; import the staff first.");
        }

        var phones = new List<string>();
        foreach (var phone in row.Phones ?? [])
        {
            var normalised = AccountKeys.NormalisePhone(phone, options.Value.DefaultPhoneRegion);
            if (normalised is null)
            {
                Fail("phones", "A phone number does not parse.");
            }
            else if (!phones.Contains(normalised))
            {
                phones.Add(normalised);
            }
        }

        var emails = new List<string>();
        foreach (var email in row.Emails ?? [])
        {
            var normalised = AccountKeys.NormaliseEmail(email);
            if (normalised is null)
            {
                Fail("emails", "An e-mail address is not valid.");
            }
            else if (!emails.Contains(normalised))
            {
                emails.Add(normalised);
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ClientAccount
        {
            Id = id!,
            IdKey = AccountKeys.Normalise(id!),
            Name = name!,
            NameKey = AccountKeys.NameKey(name!),
            Company = string.IsNullOrWhiteSpace(row.Company) ? null : row.Company.Trim(),
            Tariff = tariff!.Key,
            ManagerLogin = manager,
            DedicatedManagerLogin = dedicated,
            Phones = string.Join(';', phones),
            Emails = string.Join(';', emails),
        };
    }

    private static string? Login(string? login) => string.IsNullOrWhiteSpace(login) ? null : login.Trim().ToLowerInvariant();

    /// <summary>Copies what differs onto the stored account; false when nothing did.</summary>
    private static bool CopyChanges(ClientAccount from, ClientAccount to)
    {
        if (from.Id == to.Id && from.Name == to.Name && from.Company == to.Company && from.Tariff == to.Tariff
            && from.ManagerLogin == to.ManagerLogin && from.DedicatedManagerLogin == to.DedicatedManagerLogin
            && from.Phones == to.Phones && from.Emails == to.Emails)
        {
            return false;
        }

        (to.Id, to.Name, to.NameKey, to.Company, to.Tariff) = (from.Id, from.Name, from.NameKey, from.Company, from.Tariff);
        (to.ManagerLogin, to.DedicatedManagerLogin, to.Phones, to.Emails) = (from.ManagerLogin, from.DedicatedManagerLogin, from.Phones, from.Emails);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account import: {Rows} rows, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Errors} refused")]
    private static partial void LogImported(ILogger logger, int rows, int inserted, int updated, int unchanged, int errors);
}
