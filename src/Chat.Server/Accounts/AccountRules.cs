using Chat.Contracts;
using Chat.Server.Policy;
using Microsoft.Extensions.Options;

namespace Chat.Server.Accounts;

/// <summary>
/// The rules an account must meet to be stored, and its normal form: one place for the import and the API.
/// </summary>
public sealed class AccountRules(IConsultantRouting routing, IOptions<AccountOptions> options)
{
    /// <summary>
    /// The account <paramref name="row"/> describes, checked and normalised, or null with its problems added to
    /// <paramref name="errors"/>; <paramref name="logins"/> are the staff logins a manager may be.
    /// </summary>
    public ClientAccount? Check(int line, AccountRow? row, HashSet<string> logins, List<ImportRowError> errors)
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

    public static string? Login(string? login) => string.IsNullOrWhiteSpace(login) ? null : login.Trim().ToLowerInvariant();

    /// <summary>Copies what differs onto the stored account; false when nothing did.</summary>
    public static bool CopyChanges(ClientAccount from, ClientAccount to)
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

    /// <summary>The account as the API shows it.</summary>
    public static AccountDetails ToDetails(ClientAccount account) =>
        new(account.Id, account.Name, account.Company, account.Tariff, account.ManagerLogin, account.DedicatedManagerLogin,
            [.. account.PhoneList], [.. account.EmailList], account.UpdatedAt);
}
