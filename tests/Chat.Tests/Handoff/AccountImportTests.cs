using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Chat.Tests.Handoff;

/// <summary>The admin import API: upserts, per-row errors by line, idempotent re-imports, and who may call it; on each backend.</summary>
public abstract class AccountImportTests(ServerFixture fixture, ITestOutputHelper output)
{
    private Uri Server => fixture.Server.BaseAddress;

    private static HttpClient Admin(Uri server)
    {
        var http = TestClients.Http(server);
        http.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, HandoffSettings.AdminKey);
        return http;
    }

    private static async Task<ImportResult> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportResult>(TestClients.Json))!;
    }

    private static Task<HttpResponseMessage> PostCsvAsync(HttpClient http, string path, string csv) =>
        http.PostAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task Good_csv_rows_are_stored_bad_rows_are_reported_by_line_and_a_reimport_changes_nothing()
    {
        using var http = Admin(Server);
        var prefix = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            id,name,company,tariff,manager,dedicatedManager,phones,emails
            {prefix}-1,Альфа {prefix},ООО Альфа,business,m.petrov,,+7 916 100-00-01;8 916 100-00-02,a@alfa.example
            {prefix}-2,Бета {prefix},,no-such-tariff,m.petrov,,,
            {prefix}-3,Гамма {prefix},,start,,m.smirnova,,g@gamma.example
            {prefix}-4,Дельта {prefix},,standard,m.petrov,,not a phone,
            {prefix}-1,Альфа again,,business,m.petrov,,,
            """;

        var result = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminAccounts, csv));

        Assert.Equal((5, 2, 0, 0), (result.Rows, result.Inserted, result.Updated, result.Unchanged));
        Assert.Equal([(3, "tariff"), (5, "phones"), (6, "id")], result.Errors.Select(e => (e.Line, e.Field)));
        var again = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminAccounts, csv));
        Assert.Equal((0, 0, 2), (again.Inserted, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task A_json_import_updates_what_changed_and_reports_bad_rows_by_position()
    {
        using var http = Admin(Server);
        var id = Guid.NewGuid().ToString("N")[..8];
        AccountRow[] rows =
        [
            new(id, "Омега", null, "standard", "m.smirnova", null, ["+7 916 200-00-01"], ["o@omega.example"]),
            new(null, "Без ID", null, "standard", null, null, null, null),
            new(id + "-x", "Кто-то", null, "standard", "nobody", null, null, ["bad@"]),
        ];

        var first = await ReadAsync(await http.PostAsJsonAsync(HubPaths.AdminAccounts, rows, TestClients.Json));
        rows[0] = rows[0] with { Company = "АО Омега" };
        var second = await ReadAsync(await http.PostAsJsonAsync(HubPaths.AdminAccounts, rows, TestClients.Json));

        Assert.Equal((1, 0), (first.Inserted, first.Updated));
        Assert.Equal([(2, "id"), (3, "manager"), (3, "emails")], first.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal((0, 1, 0), (second.Inserted, second.Updated, second.Unchanged));
    }

    [Fact]
    public async Task Staff_import_upserts_by_login_and_reports_bad_rows()
    {
        using var http = Admin(Server);
        var login = $"m.{Guid.NewGuid():N}"[..12];
        var csv = $"""
            login,name,department,shiftStart,shiftEnd,active
            {login},Новый Менеджер,sales,09:00,18:00,true
            cc.{login},Новый Оператор,nowhere,09:00,18:00,true
            x.{login},Смена наоборот,sales,18:00,09:00,
            """;

        var result = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminStaff, csv));
        var again = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminStaff, csv.Replace(",true\n", ",false\n", StringComparison.Ordinal)));

        Assert.Equal(1, result.Inserted);
        Assert.Equal([(3, "department"), (4, "shift")], result.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal((0, 1), (again.Inserted, again.Updated));
    }

    [Fact]
    public async Task A_password_column_lets_imported_staff_sign_in_and_a_new_one_replaces_it()
    {
        using var http = Admin(Server);
        var login = $"p.{Guid.NewGuid():N}"[..12];
        string Csv(string password) => $"""
            login,name,department,shiftStart,shiftEnd,password
            {login},Пароль Есть,sales,09:00,18:00,{password}
            short.{login},Короткий Пароль,sales,09:00,18:00,1234567
            """;

        var first = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminStaff, Csv("first-password")));
        var same = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminStaff, Csv("first-password")));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(login, "first-password")).StatusCode);
        var replaced = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminStaff, Csv("second-password")));

        Assert.Equal(1, first.Inserted);
        Assert.Equal([(3, "password")], first.Errors.Select(e => (e.Line, e.Field)));
        Assert.Equal((0, 1), (same.Updated, same.Unchanged));
        Assert.Equal(1, replaced.Updated);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(login, "first-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(login, "second-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync($"short.{login}", "1234567")).StatusCode);
    }

    private async Task<HttpResponseMessage> SignInAsync(string login, string password)
    {
        using var http = TestClients.Http(Server);
        return await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest(login, password), TestClients.Json);
    }

    [Fact]
    public async Task The_admin_api_needs_the_key_or_a_supervisor()
    {
        using var anonymous = TestClients.Http(Server);
        using var wrongKey = TestClients.Http(Server);
        wrongKey.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, "wrong");
        using var manager = TestClients.Http(Server, await TestClients.SignInAgentAsync(Server, "m.petrov"));
        using var supervisor = TestClients.Http(Server, await TestClients.SignInAgentAsync(Server, "s.orlov"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(HubPaths.AdminAccounts, Array.Empty<AccountRow>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrongKey.PostAsJsonAsync(HubPaths.AdminAccounts, Array.Empty<AccountRow>())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync(HubPaths.AdminAccounts, Array.Empty<AccountRow>())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync(HubPaths.AdminAccounts, Array.Empty<AccountRow>())).StatusCode);
    }

    /// <summary>The benchmark of the issue: 10,000 accounts, timed and written to the test output (not asserted).</summary>
    [Fact]
    public async Task Ten_thousand_accounts_import_and_reimport_without_changes()
    {
        using var http = Admin(Server);
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var csv = new StringBuilder("id,name,company,tariff,manager,dedicatedManager,phones,emails\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}{i},Клиент {prefix} {i},Компания {i},standard,m.petrov,,+7 916 {i % 1000:000}-{i / 1000:00}-00,c{i}@{prefix}.example\n");
        }

        var clock = Stopwatch.StartNew();
        var first = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminAccounts, csv.ToString()));
        var firstTime = clock.Elapsed;
        clock.Restart();
        var again = await ReadAsync(await PostCsvAsync(http, HubPaths.AdminAccounts, csv.ToString()));
        output.WriteLine($"{fixture.Backend}: 10,000 accounts imported in {firstTime.TotalSeconds:0.00} s, re-imported unchanged in {clock.Elapsed.TotalSeconds:0.00} s");

        Assert.Equal((10_000, 0), (first.Inserted, first.Errors.Count));
        Assert.Equal((0, 0, 10_000), (again.Inserted, again.Updated, again.Unchanged));
    }
}

[Trait("Area", "Handoff")]
public sealed class EmbeddedAccountImportTests(EmbeddedHandoffFixture fixture, ITestOutputHelper output)
    : AccountImportTests(fixture, output), IClassFixture<EmbeddedHandoffFixture>;

[Trait("Area", "Handoff")]
public sealed class RedisPostgresAccountImportTests(RedisPostgresHandoffFixture fixture, ITestOutputHelper output)
    : AccountImportTests(fixture, output), IClassFixture<RedisPostgresHandoffFixture>;
