using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Security;

/// <summary>A server that accepts the host site's identity tokens, with its log captured.</summary>
public sealed class HostIdentityFixture : IAsyncLifetime
{
    public ChatServer Server { get; private set; } = null!;

    public LogCapture Log { get; } = new();

    public async Task InitializeAsync() =>
        Server = await ChatServer.StartAsync(Backend.Embedded, new Dictionary<string, string?>(HostSite.Settings.Concat(HandoffSettings.Overrides)), Log.Register);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>The company's site vouches for its logged-in client; the chat believes only a token it can verify.</summary>
[Trait("Area", "Security")]
public sealed class HostIdentityTests(HostIdentityFixture fixture) : IClassFixture<HostIdentityFixture>, IAsyncLifetime
{
    private Clients clients = null!;

    private Uri Server => fixture.Server.BaseAddress;

    public Task InitializeAsync()
    {
        clients = new Clients(Server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await clients.DisposeAsync();

    [Fact]
    public async Task A_visitor_vouched_for_by_the_host_site_hands_off_without_typing_and_the_card_says_the_identity_is_verified()
    {
        var (_, cards) = await clients.AgentAsync("m.petrov");
        var session = await StartAsync(HostSite.IdentityToken("10001"));
        await using var visitor = await ConnectAsync(session);

        var receipt = await visitor.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(Guid.NewGuid(), null, null, null, null, null));

        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        Assert.True(card.IdentityVerified);
        Assert.True(card.Verified);
        Assert.Equal(("10001", "m.petrov"), (card.AccountId, card.AssignedTo));
        Assert.Equal(("+79161234567", "info@romashka.example"), (card.Phone, card.Email));
        Assert.True(card.ContactOnFile);
    }

    [Fact]
    public async Task The_proven_account_wins_over_the_account_a_vouched_for_visitor_types()
    {
        var (_, cards) = await clients.AgentAsync("m.smirnova");
        var session = await StartAsync(HostSite.IdentityToken("10002"));
        await using var visitor = await ConnectAsync(session);

        var receipt = await visitor.IdentifyAsync("10001", phone: "+7 916 000-00-01");

        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        Assert.Equal(("10002", true), (card.AccountId, card.IdentityVerified));
    }

    [Fact]
    public async Task A_visitor_without_an_identity_token_is_unverified_and_must_type_the_account()
    {
        var (_, cards) = await clients.AgentAsync("m.petrov");
        var (_, visitor, _, _) = await clients.VisitorAsync();

        var missing = await Assert.ThrowsAsync<HubException>(() =>
            visitor.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(Guid.NewGuid(), null, "+7 916 123-45-67", null, null, null)));
        var receipt = await visitor.IdentifyAsync("10001", phone: "+7 916 123-45-67");

        Assert.Equal(ErrorCodes.AccountRequired, ErrorCodes.Parse(missing.Message));
        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        Assert.False(card.IdentityVerified);
    }

    [Fact]
    public async Task A_renewed_session_keeps_the_verified_account()
    {
        var (_, cards) = await clients.AgentAsync("m.petrov");
        var first = await StartAsync(HostSite.IdentityToken("10001"));
        using var http = TestClients.Http(Server);
        var renewal = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(null, null, first.Token), TestClients.Json);
        var renewed = (await renewal.Content.ReadFromJsonAsync<VisitorSession>(TestClients.Json))!;
        await using var visitor = await ConnectAsync(renewed);

        var receipt = await visitor.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(Guid.NewGuid(), null, null, null, null, null));

        Assert.Equal(first.ConversationId, renewed.ConversationId);
        Assert.True((await cards.WaitForAsync(c => c.Id == receipt.HandoffId)).IdentityVerified);
    }

    public static TheoryData<string, string> BadIdentityTokens()
    {
        var good = HostSite.IdentityToken("10001");
        var parts = good.Split('.');
        var forgedPayload = Base64Url("""{"sub":"10002","iss":"https://www.customer.example","aud":"chat","exp":4102444800}""");
        return new()
        {
            { "tampered payload", $"{parts[0]}.{forgedPayload}.{parts[2]}" },
            { "tampered signature", $"{parts[0]}.{parts[1]}.{parts[2][..^2]}{(parts[2].EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA")}" },
            { "expired", HostSite.IdentityToken("10001", now: DateTimeOffset.UtcNow.AddHours(-1)) },
            { "wrong audience", HostSite.IdentityToken("10001", audience: "someone-else") },
            { "wrong issuer", HostSite.IdentityToken("10001", issuer: "https://evil.example") },
            { "wrong key", HostSite.IdentityToken("10001", key: "another-site-secret-0123456789abcdef-01234") },
            { "lives too long", HostSite.IdentityToken("10001", lifetime: TimeSpan.FromDays(30)) },
            { "unsigned", $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{forgedPayload}." },
            { "not a token", "not-a-token" },
            { "no subject", HostSite.IdentityToken("  ") },
        };
    }

    [Theory]
    [MemberData(nameof(BadIdentityTokens))]
    public async Task A_bad_identity_token_is_refused_with_invalid_identity_token_and_logged_once_without_the_token(string why, string token)
    {
        using var http = TestClients.Http(Server);
        var before = fixture.Log.Containing("Refused a host identity token").Count;

        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest("Ольга", "ru", null, token), TestClients.Json);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, why);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ErrorCodes.InvalidIdentityToken, problem.GetProperty("code").GetString());
        Assert.Equal(before + 1, fixture.Log.Containing("Refused a host identity token").Count);
        Assert.Empty(fixture.Log.Containing(token));
    }

    [Fact]
    public async Task A_server_without_a_signing_key_refuses_identity_tokens()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded);
        using var http = TestClients.Http(server.BaseAddress);

        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest("Ольга", "ru", null, HostSite.IdentityToken("10001")), TestClients.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidIdentityToken, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_signing_key_shorter_than_32_bytes_stops_the_server_naming_the_setting()
    {
        var settings = new Dictionary<string, string?>(HostSite.Settings) { ["Chat:HostIdentity:SigningKey"] = "too-short" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ChatServer.StartAsync(Backend.Embedded, settings));

        Assert.Contains("Chat:HostIdentity:SigningKey", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<VisitorSession> StartAsync(string identityToken)
    {
        using var http = TestClients.Http(Server);
        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest("Ольга", "ru", null, identityToken), TestClients.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorSession>(TestClients.Json))!;
    }

    private async Task<HubConnection> ConnectAsync(VisitorSession session)
    {
        var hub = TestClients.VisitorConnection(Server, session.Token);
        await hub.StartAsync();
        return hub;
    }

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
