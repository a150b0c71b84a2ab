using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Security;

/// <summary>Limits on connections, calls, origins and sign-in attempts.</summary>
[Trait("Area", "Security")]
public sealed class LimitsTests
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task At_the_connection_cap_a_new_connection_is_refused_cleanly_and_the_others_carry_on()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, new Dictionary<string, string?> { ["Chat:Security:MaxConnections"] = "3" });
        var held = new List<(VisitorSession Session, HubConnection Hub)>();
        for (var i = 0; i < 3; i++)
        {
            var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
            var hub = TestClients.VisitorConnection(server.BaseAddress, session.Token);
            await hub.StartAsync();
            held.Add((session, hub));
        }

        var extra = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var refused = TestClients.VisitorConnection(server.BaseAddress, extra.Token);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => refused.StartAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        foreach (var (_, hub) in held)
        {
            var sent = await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "всё ещё работает"));
            Assert.Equal(1, sent.Message.Sequence);
        }

        await held[0].Hub.DisposeAsync();
        await using var afterOneLeft = TestClients.VisitorConnection(server.BaseAddress, extra.Token);
        await LocalProcess.WaitUntilAsync(async () =>
        {
            try
            {
                await afterOneLeft.StartAsync();
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "a free place after one connection left");
        Assert.Equal(HubConnectionState.Connected, afterOneLeft.State);
        foreach (var (_, hub) in held.Skip(1))
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Too_many_hub_calls_are_refused_with_rate_limited_and_the_connection_stays_open()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, new Dictionary<string, string?>
        {
            ["Chat:Security:HubCallsPerSecond"] = "1",
            ["Chat:Security:HubCallBurst"] = "5",
        });
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var hub = TestClients.VisitorConnection(server.BaseAddress, session.Token);
        await hub.StartAsync();

        var codes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            try
            {
                await hub.InvokeAsync<ResumeResult>("Resume", 0L);
                codes.Add("ok");
            }
            catch (HubException e)
            {
                codes.Add(ErrorCodes.Parse(e.Message));
            }
        }

        Assert.Contains(ErrorCodes.RateLimited, codes);
        Assert.True(codes.Count(c => c == "ok") >= 5);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_on_both_hubs_and_an_allowed_site_may_use_the_visitor_side_only()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, new Dictionary<string, string?>
        {
            ["Chat:Security:AllowedOrigins:0"] = "https://www.customer.example",
        });
        using var http = TestClients.Http(server.BaseAddress);

        async Task<HttpResponseMessage> NegotiateAsync(string hub, string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/negotiate?negotiateVersion=1");
            request.Headers.Add("Origin", origin);
            return await http.SendAsync(request);
        }

        var evilVisitor = await NegotiateAsync(HubPaths.Visitor, "https://evil.example");
        var evilAgent = await NegotiateAsync(HubPaths.Agent, "https://evil.example");
        var customerAgent = await NegotiateAsync(HubPaths.Agent, "https://www.customer.example");
        using var sessionRequest = new HttpRequestMessage(HttpMethod.Post, HubPaths.VisitorSessions) { Content = JsonContent.Create(new VisitorSessionRequest("Ольга", "ru", null)) };
        sessionRequest.Headers.Add("Origin", "https://www.customer.example");
        var customerSession = await http.SendAsync(sessionRequest);

        Assert.Equal(HttpStatusCode.Forbidden, evilVisitor.StatusCode);
        Assert.Equal(ErrorCodes.ForbiddenOrigin, (await ProblemAsync(evilVisitor)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, evilAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customerAgent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, customerSession.StatusCode);
        Assert.Equal("https://www.customer.example", customerSession.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(customerSession.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, new Dictionary<string, string?> { ["Chat:Security:MaxFailedSignIns"] = "3" });
        using var http = TestClients.Http(server.BaseAddress);

        for (var i = 0; i < 3; i++)
        {
            var wrong = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest("m.smirnova", "guess" + i), TestClients.Json);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest("m.smirnova", "demo"), TestClients.Json);
        var other = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest("m.petrov", "demo"), TestClients.Json);

        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
        Assert.Equal(ErrorCodes.LockedOut, (await ProblemAsync(right)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_and_nosniff()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded);
        using var http = TestClients.Http(server.BaseAddress);

        var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
