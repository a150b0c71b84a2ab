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
    /// The account whose id, or else (when <paramref name="byName"/>) whose only name, matches whatever the case and
    /// spacing. An account proven by the host site is looked up by its id only.
    /// </summary>
    public async Task<ClientAccount?> FindAccountAsync(string nameOrId, bool byName, CancellationToken cancellationToken)
    {
        var key = AccountKeys.Normalise(nameOrId);
        var accounts = db.Set<ClientAccount>().AsNoTracking();
        var byId = await accounts.SingleOrDefaultAsync(a => a.IdKey == key, cancellationToken);
        if (byId is not null || !byName)
        {
            return byId;
        }

        var named = await accounts.Where(a => a.NameKey == key).Take(2).ToListAsync(cancellationToken);
        return named.Count == 1 ? named[0] : null;
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

    /// <summary>What the visitor is told: the policy's notice for the tariff, or the same kind of notice for the ways they gave.</summary>
    public string Notice(HandoffRoute route, string language) =>
        texts.HandoffNotice(route.Tariff?.ContactBy ?? route.ContactBy, language);
}
