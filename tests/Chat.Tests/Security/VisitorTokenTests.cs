using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Visitors;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Security;

/// <summary>
/// A visitor session token opens exactly one conversation, for a limited time, on this deployment only; a visitor
/// can reach nothing else whatever ids they send.
/// </summary>
[Trait("Area", "Security")]
public sealed class VisitorTokenTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private Uri Server => fixture.Server.BaseAddress;

    [Fact]
    public async Task An_expired_token_is_refused_at_connect_and_at_renewal()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ChatServer.StartAsync(Backend.Embedded, services: s => s.AddSingleton<TimeProvider>(clock));
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        Assert.Equal((clock.GetUtcNow().AddDays(1), 86_400), (session.ExpiresAt, session.ExpiresIn));
        await using (var before = TestClients.VisitorConnection(server.BaseAddress, session.Token))
        {
            await before.StartAsync();
        }

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await AssertRefusedAtConnectAsync(server.BaseAddress, session.Token);
        await AssertRefusedAtRenewalAsync(server.BaseAddress, session.Token);
    }

    [Fact]
    public async Task A_token_minted_by_another_deployment_is_refused_at_connect_and_at_renewal()
    {
        await using var other = await ChatServer.StartAsync(Backend.Embedded);
        var foreign = await TestClients.StartVisitorSessionAsync(other.BaseAddress);

        await AssertRefusedAtConnectAsync(Server, foreign.Token);
        await AssertRefusedAtRenewalAsync(Server, foreign.Token);
    }

    [Fact]
    public async Task A_token_tampered_with_anywhere_is_refused_at_connect()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        foreach (var position in new[] { 0, 10, session.Token.Length / 2, session.Token.Length - 1 })
        {
            var chars = session.Token.ToCharArray();
            chars[position] = chars[position] == 'A' ? 'B' : 'A';

            await AssertRefusedAtConnectAsync(Server, new string(chars));
        }
    }

    [Fact]
    public async Task A_visitor_reaches_only_their_own_conversation_whatever_ids_they_send()
    {
        var mine = await TestClients.StartVisitorSessionAsync(Server, "Мой");
        var theirs = await TestClients.StartVisitorSessionAsync(Server, "Чужой");
        await using var other = TestClients.VisitorConnection(Server, theirs.Token);
        await other.StartAsync();
        await other.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "личное"));
        await using var visitor = TestClients.VisitorConnection(Server, mine.Token);
        await visitor.StartAsync();

        var sent = await visitor.InvokeCoreAsync<SendResult>("SendMessage",
            [new { conversationId = theirs.ConversationId, clientMessageId = Guid.NewGuid(), text = "подмена" }]);
        var resumed = await visitor.InvokeCoreAsync<ResumeResult>("Resume", [0L]);
        var identified = await visitor.InvokeCoreAsync<HandoffReceipt>("Identify",
            [new { conversationId = theirs.ConversationId, clientRequestId = Guid.NewGuid(), accountNameOrId = "10001", phone = "+7 916 123-45-67" }]);
        var agentOnly = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<ResumeResult>("OpenConversation", theirs.ConversationId, 0L));

        Assert.Equal(mine.ConversationId, sent.Message.ConversationId);
        Assert.Equal(mine.ConversationId, resumed.ConversationId);
        Assert.DoesNotContain(resumed.Messages, m => m.Text == "личное");
        Assert.NotEqual(Guid.Empty, identified.HandoffId);
        Assert.Contains("OpenConversation", agentOnly.Message, StringComparison.Ordinal);
        var theirState = await other.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Equal(["личное"], theirState.Messages.Select(m => m.Text));
    }

    [Fact]
    public void No_visitor_hub_method_takes_a_conversation_or_handoff_id_from_the_client()
    {
        var methods = typeof(VisitorHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not nameof(Hub.OnConnectedAsync) and not nameof(Hub.OnDisconnectedAsync))
            .ToList();

        var carriesAnId = methods
            .SelectMany(m => m.GetParameters().Select(p => (Method: m.Name, Parameter: p)))
            .Where(x => Names(x.Parameter).Any(n => n.Contains("ConversationId", StringComparison.OrdinalIgnoreCase) || n.Contains("HandoffId", StringComparison.OrdinalIgnoreCase)))
            .Select(x => $"{x.Method}({x.Parameter.Name})");

        Assert.Equal(["GetAvailability", "GetCallBackState", "GetHandoffState", "GetRatingState", "Identify", "LeaveOfflineMessage", "MarkRead", "PageViewed", "Rate", "RequestCallBack", "Resume", "SendMessage", "Typing"], methods.Select(m => m.Name).Order());
        Assert.Empty(carriesAnId);
    }

    private static IEnumerable<string> Names(ParameterInfo parameter) =>
        [parameter.Name!, .. parameter.ParameterType.GetProperties().Select(p => p.Name)];

    private static async Task AssertRefusedAtConnectAsync(Uri server, string token)
    {
        await using var connection = TestClients.VisitorConnection(server, token);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);

        using var http = TestClients.Http(server);
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{HubPaths.Visitor}/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(negotiate);
        Assert.Equal(ErrorCodes.InvalidToken, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static async Task AssertRefusedAtRenewalAsync(Uri server, string token)
    {
        using var http = TestClients.Http(server);
        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(null, null, token), TestClients.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidToken, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
