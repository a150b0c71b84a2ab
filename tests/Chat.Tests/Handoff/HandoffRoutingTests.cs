using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Handoff;
using Chat.Server.Storage;
using Chat.Tests.Policy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Tests.Handoff;

/// <summary>
/// R1, R2 as the handoff router applies them, without a server: the company's policy and a database in memory with
/// m.petrov (sales), m.smirnova (current clients) and m.kozlov, who has left sales.
/// </summary>
[Trait("Area", "Handoff")]
public sealed class HandoffRoutingTests : IAsyncLifetime
{
    private const string UnverifiedPool = "call-centre";
    private const string Phone = "+79161234567";
    private const string Email = "olga@example.com";

    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private SqliteChatDbContext db = null!;

    public async Task InitializeAsync()
    {
        await connection.OpenAsync();
        db = new SqliteChatDbContext(new DbContextOptionsBuilder<SqliteChatDbContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();
        db.Staff.AddRange(Staff("m.petrov", "sales"), Staff("m.smirnova", "current-clients"), Staff("m.kozlov", "sales", active: false));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await connection.DisposeAsync();
    }

    private HandoffRouter Router() => CompanyServices.Create<HandoffRouter>(db, Options.Create(new HandoffOptions { UnverifiedPool = UnverifiedPool }));

    private static StaffMember Staff(string login, string department, bool active = true) =>
        new() { Login = login, DisplayName = login, PasswordHash = "-", Role = StaffRole.Manager, Department = department, IsActive = active };

    private static ClientAccount Account(string tariff, string? manager = null, string? dedicated = null, string id = "10001", string name = "Ромашка") =>
        new() { Id = id, IdKey = AccountKeys.Normalise(id), Name = name, NameKey = AccountKeys.Normalise(name), Tariff = tariff, ManagerLogin = manager, DedicatedManagerLogin = dedicated };

    public static TheoryData<string, string, string?, string?, string?, string?> KnownAccounts => new()
    {
        // case, tariff, personal manager, dedicated manager: the login it is assigned to, or the pool it goes to
        { "a paid client goes to their personal manager", "business", "m.petrov", null, "m.petrov", null },
        { "a dedicated manager comes before the personal one", "standard", "m.petrov", "m.smirnova", "m.smirnova", null },
        { "a paid client whose manager left goes to that manager's department", "enterprise", "m.kozlov", null, null, "sales" },
        { "a paid client without a manager goes to the tariff's pool", "standard", null, null, null, "current-clients" },
        { "a paid client whose manager is no staff member goes to the tariff's pool", "business", "m.nobody", null, null, "current-clients" },
        { "a Start client goes to the call centre", "start", null, null, null, "call-centre" },
        { "a Start client's personal manager on file does not count", "start", "m.petrov", null, null, "call-centre" },
        { "a Start client with a dedicated manager goes to that manager", "start", null, "m.smirnova", "m.smirnova", null },
        { "a Start client whose dedicated manager left goes to that manager's department", "start", null, "m.kozlov", null, "sales" },
    };

    [Theory]
    [MemberData(nameof(KnownAccounts))]
    public async Task A_known_account_goes_to_its_manager_or_to_a_pool(string @case, string tariff, string? manager, string? dedicated, string? assignedTo, string? pool)
    {
        var route = await Router().RouteAsync(Account(tariff, manager, dedicated), Phone, Email, default);

        Assert.True((assignedTo, pool) == (route.AssignedLogin, route.PoolDepartment), $"{@case}: assigned to {route.AssignedLogin}, pool {route.PoolDepartment}");
        Assert.True(route.Verified);
    }

    [Theory]
    [InlineData("start", new[] { ContactMethod.Email })]
    [InlineData("business", new[] { ContactMethod.Phone, ContactMethod.Email })]
    public async Task A_known_account_is_contacted_the_ways_its_tariff_says_whatever_the_visitor_gave(string tariff, ContactMethod[] contactBy)
    {
        var route = await Router().RouteAsync(Account(tariff, "m.petrov"), Phone, null, default);

        Assert.Equal(contactBy, route.ContactBy);
    }

    [Theory]
    [InlineData(Phone, Email, new[] { ContactMethod.Phone, ContactMethod.Email }, "by phone or by e-mail")]
    [InlineData(Phone, null, new[] { ContactMethod.Phone }, "who will call you")]
    [InlineData(null, Email, new[] { ContactMethod.Email }, "by e-mail")]
    public async Task An_account_nobody_can_find_goes_to_the_unverified_pool_and_is_contacted_the_ways_the_visitor_gave(
        string? phone, string? email, ContactMethod[] contactBy, string told)
    {
        var router = Router();

        var route = await router.RouteAsync(null, phone, email, default);

        Assert.Equal((null as string, UnverifiedPool, false), (route.AssignedLogin, route.PoolDepartment, route.Verified));
        Assert.Equal(contactBy, route.ContactBy);
        Assert.Contains(told, router.Notice(route, "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_on_a_tariff_the_policy_does_not_know_is_treated_as_unverified()
    {
        var route = await Router().RouteAsync(Account("platinum", "m.petrov"), Phone, null, default);

        Assert.Equal((null as ClientAccount, null as string, UnverifiedPool), (route.Account, route.AssignedLogin, route.PoolDepartment));
        Assert.Equal([ContactMethod.Phone], route.ContactBy);
    }

    [Fact]
    public async Task An_account_is_found_by_its_id_first_then_by_its_only_name_and_a_name_two_accounts_share_finds_none()
    {
        db.AddRange(
            Account("business", id: "10001", name: "Ромашка"),
            Account("start", id: "10002", name: "Лютик"),
            Account("start", id: "10003", name: "Лютик"),
            Account("standard", id: "Ромашка", name: "Другая"));
        await db.SaveChangesAsync();
        var router = Router();

        Assert.Equal("10001", (await router.FindAccountAsync(" 10001 ", byName: true, default))?.Id);
        Assert.Equal("Ромашка", (await router.FindAccountAsync("ромашка", byName: true, default))?.Id);
        Assert.Null(await router.FindAccountAsync("Лютик", byName: true, default));
        Assert.Null(await router.FindAccountAsync("Другая", byName: false, default));
        Assert.Equal("10003", (await router.FindAccountAsync("10003", byName: false, default))?.Id);
    }
}
