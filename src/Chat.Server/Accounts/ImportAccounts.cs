using Chat.Contracts;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Accounts;

/// <summary>Creates or updates client accounts by id. Bad rows are reported by line; the good ones are stored.</summary>
public sealed record ImportAccounts(IReadOnlyList<NumberedRow<AccountRow>> Rows) : ICommand<ImportResult>;

public sealed partial class ImportAccountsHandler(
    ChatDbContext db, AccountRules rules, IOptions<AccountOptions> options, TimeProvider clock, ILogger<ImportAccountsHandler> logger)
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
            var account = rules.Check(line, row, logins, errors);
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
                else if (AccountRules.CopyChanges(account, stored))
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Account import: {Rows} rows, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Errors} refused")]
    private static partial void LogImported(ILogger logger, int rows, int inserted, int updated, int unchanged, int errors);
}
