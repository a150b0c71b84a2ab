using System.Net;
using System.Net.Http.Json;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Security;

/// <summary>Who may connect to which hub.</summary>
[Trait("Area", "Security")]
public sealed class HubAccessTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private Uri Server => fixture.Server.BaseAddress;

    [Fact]
    public async Task An_anonymous_connection_to_the_agent_hub_is_refused()
    {
        await using var connection = TestClients.AgentConnection(Server, new CookieContainer());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_visitor_token_does_not_open_the_agent_hub()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Server, HubPaths.Agent), o => o.AccessTokenProvider = () => Task.FromResult<string?>(session.Token))
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_invalid_credentials()
    {
        using var http = TestClients.Http(Server);

        var response = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest("m.petrov", "wrong"), TestClients.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(ErrorCodes.InvalidCredentials, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_hub_connection_is_refused()
    {
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(Server, HubPaths.Visitor)).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
