using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Handoff;

/// <summary>Where a handoff goes and what the visitor is told about how they will be contacted.</summary>
public sealed record HandoffRoute(ClientAccount? Account, Tariff? Tariff, string? AssignedLogin, string? PoolDepartment, IReadOnlyList<ContactMethod> ContactBy)
{
    public bool Verified => Account is not null && Tariff is not null;
}

/// <summary>
/// Finds the account a visitor names and the consultant responsible for it, asking the policy (R1, R2): the
/// dedicated or personal manager when the tariff has one and they are active; their department's pool when
/// they are deactivated; the tariff's pool otherwise; the unverified pool for an account nobody can find.
/// </summary>
public sealed class HandoffRouter(ChatDbContext db, IConsultantRouting routing, IVisitorTexts texts, IOptions<HandoffOptions> options)
{
    /// <summary>
    /// The account whose id (also typed as <c>#10001</c> or <c>№ 10001</c>), or else (when <paramref name="byName"/>) whose
    /// only name, matches whatever the case, spacing, quotes and legal form (<see cref="AccountKeys.NameKey"/>). An account
    /// proven by the host site is looked up by its id only.
    /// </summary>
    public async Task<ClientAccount?> FindAccountAsync(string nameOrId, bool byName, CancellationToken cancellationToken)
    {
        var idKeys = byName ? AccountKeys.IdKeys(nameOrId) : [AccountKeys.Normalise(nameOrId)];
        var accounts = db.Set<ClientAccount>().AsNoTracking();
        var byId = await accounts.Where(a => idKeys.Contains(a.IdKey)).ToListAsync(cancellationToken);
        if (byId.Count > 0 || !byName)
        {
            return byId.OrderBy(a => a.IdKey == idKeys[0] ? 0 : 1).FirstOrDefault();
        }

        // Names imported before legal forms were left out of the key still match as typed.
        var nameKeys = new[] { AccountKeys.NameKey(nameOrId), AccountKeys.Normalise(nameOrId) };
        var named = await accounts.Where(a => nameKeys.Contains(a.NameKey)).Take(2).ToListAsync(cancellationToken);
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>The one account that has <paramref name="email"/> among its e-mails on file (stored normalised, <c>;</c>-separated), or null.</summary>
    public async Task<ClientAccount?> FindAccountByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var address = AccountKeys.NormaliseEmail(email);
        if (address is null)
        {
            return null;
        }

        var found = await db.Set<ClientAccount>().AsNoTracking().WithContact(address, phones: false, emails: true)
            .Take(2)
            .ToListAsync(cancellationToken);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The route of <paramref name="account"/>; for none, the unverified pool, contacted the ways the visitor gave.</summary>
    public async Task<HandoffRoute> RouteAsync(ClientAccount? account, string? phone, string? email, CancellationToken cancellationToken)
    {
        var tariff = account is null ? null : routing.FindTariff(account.Tariff);
        if (account is null || tariff is null)
        {
            return new HandoffRoute(null, null, null, options.Value.UnverifiedPool, ContactsGiven(phone, email));
        }

        var manager = account.DedicatedManagerLogin ?? (tariff.Consultant == ConsultantKind.PersonalManager ? account.ManagerLogin : null);
        var route = routing.RouteFor(tariff, hasPersonalManager: manager is not null);
        if (route.Kind != ConsultantKind.PersonalManager)
        {
            return new HandoffRoute(account, tariff, null, route.Pool.Key, tariff.ContactBy);
        }

        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == manager, cancellationToken);
        return staff switch
        {
            { IsActive: true } => new HandoffRoute(account, tariff, staff.Login, null, tariff.ContactBy),
            not null => new HandoffRoute(account, tariff, null, staff.Department, tariff.ContactBy),
            null => new HandoffRoute(account, tariff, null, route.Pool.Key, tariff.ContactBy),
        };
    }

    /// <summary>The ways to contact a visitor whose account has no tariff: the contacts they gave.</summary>
    public static IReadOnlyList<ContactMethod> ContactsGiven(string? phone, string? email) =>
        [.. phone is null ? Array.Empty<ContactMethod>() : [ContactMethod.Phone], .. email is null ? Array.Empty<ContactMethod>() : [ContactMethod.Email]];

    /// <summary>What a visitor handed off by an agent is told: the policy's notice for the tariff, or for the ways they gave.</summary>
    public string Notice(HandoffRoute route, string language) => Notice(route.Tariff?.ContactBy ?? route.ContactBy, language);

    /// <summary>The policy's notice for contacting the visitor the ways in <paramref name="contactBy"/>.</summary>
    public string Notice(IReadOnlyList<ContactMethod> contactBy, string language) => texts.HandoffNotice(contactBy, language);
}
