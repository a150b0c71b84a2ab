using System.Diagnostics;
using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Chat.Tests.Handoff;

/// <summary>
/// Identification must not tell who is a client: a known account (of any tariff) and an unknown one get the same
/// answer for the same contacts, after the same time; and an account is found however its name or ID is typed.
/// </summary>
[Trait("Area", "Handoff")]
public sealed class IdentificationPrivacyTests(RedisPostgresHandoffFixture fixture, ITestOutputHelper output) : IClassFixture<RedisPostgresHandoffFixture>
{
    private Uri Server => fixture.Server.BaseAddress;

    public static TheoryData<string?, string?> Contacts => new()
    {
        { null, "someone@example.com" },
        { "+7 916 555-00-11", null },
        { "+7 916 555-00-11", "someone@example.com" },
    };

    [Theory]
    [MemberData(nameof(Contacts))]
    public async Task A_business_client_a_start_client_and_an_unknown_account_get_the_same_answer(string? phone, string? email)
    {
        var business = await IdentifyOnceAsync("10001", phone, email);
        var start = await IdentifyOnceAsync("10003", phone, email);
        var unknown = await IdentifyOnceAsync("Нет такой компании", phone, email);

        Assert.All([start, unknown], r =>
        {
            Assert.Equal(business.ContactBy, r.ContactBy);
            Assert.Equal((business.Message, business.Status), (r.Message, r.Status));
        });
        Assert.Equal(Given(phone, email), business.ContactBy);
    }

    [Fact]
    public async Task A_known_and_an_unknown_account_are_answered_after_the_same_time()
    {
        const int Tries = 16;
        await using var agents = new Clients(Server);
        await agents.AgentAsync("m.petrov");
        await agents.AgentAsync("cc.ivanova");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < Tries; i++)
        {
            known.Add(await TimedAsync("10001"));
            unknown.Add(await TimedAsync($"Неизвестная компания {i}"));
        }

        output.WriteLine($"median known {Median(known):0.0} ms, unknown {Median(unknown):0.0} ms, ratio {Median(known) / Median(unknown):0.000}");
        Assert.InRange(Median(known) / Median(unknown), 0.8, 1.25);
    }

    public static TheoryData<string> RomashkaWritten => new()
    {
        "Ромашка", "ромашка", "ООО Ромашка", "ООО «Ромашка»", "ООО \"Ромашка\"", "Ромашка ООО", "Ромашка, ООО", "ооо  «РОМАШКА»",
        "Общество с ограниченной ответственностью «Ромашка»", "АО Ромашка", "ПАО «Ромашка»", "ИП Ромашка", "Romashka LLC",
    };

    [Theory]
    [MemberData(nameof(RomashkaWritten))]
    public void Quotes_and_legal_forms_do_not_count_in_a_name(string written)
    {
        var expected = written.Contains("Romashka", StringComparison.Ordinal) ? AccountKeys.NameKey("Romashka") : AccountKeys.NameKey("Ромашка");

        Assert.Equal(expected, AccountKeys.NameKey(written));
    }

    [Theory]
    [InlineData("ООО", "ооо")]
    [InlineData("«Рога и копыта»", "рогаикопыта")]
    [InlineData("Рога и Копыта", "рогаикопыта")]
    [InlineData("Idea Labs", "idealabs")]
    public void A_name_keeps_its_own_words(string name, string key) => Assert.Equal(key, AccountKeys.NameKey(name));

    [Theory]
    [InlineData("10001", new[] { "10001" })]
    [InlineData("#10001", new[] { "#10001", "10001" })]
    [InlineData("№ 10001", new[] { "no10001", "10001" })]
    [InlineData("№10001", new[] { "no10001", "10001" })]
    [InlineData("ID: 10001", new[] { "id:10001", "10001" })]
    [InlineData("id 10001", new[] { "id10001", "10001" })]
    [InlineData("No. 10001", new[] { "no.10001", "10001" })]
    [InlineData("Nordwind", new[] { "nordwind" })]
    [InlineData("Idea 7", new[] { "idea7" })]
    public void An_id_is_looked_up_as_typed_and_without_its_number_sign(string typed, string[] keys) =>
        Assert.Equal(keys, AccountKeys.IdKeys(typed));

    private static List<ContactMethod> Given(string? phone, string? email) =>
        [.. phone is null ? Array.Empty<ContactMethod>() : [ContactMethod.Phone], .. email is null ? Array.Empty<ContactMethod>() : [ContactMethod.Email]];

    private async Task<HandoffReceipt> IdentifyOnceAsync(string account, string? phone, string? email)
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        await using var visitor = TestClients.VisitorConnection(Server, session.Token);
        await visitor.StartAsync();
        return await visitor.IdentifyAsync(account, phone, email);
    }

    /// <summary>Milliseconds from sending an identification to its answer, on a connection that is already up.</summary>
    private async Task<double> TimedAsync(string account)
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        await using var visitor = TestClients.VisitorConnection(Server, session.Token);
        await visitor.StartAsync();
        foreach (var text in (string[])["Здравствуйте", "Хочу продлить договор", "И поменять реквизиты"])
        {
            await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), text));
        }

        var started = Stopwatch.GetTimestamp();
        await visitor.IdentifyAsync(account, phone: "+7 916 555-00-12", email: "timing@example.com");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
