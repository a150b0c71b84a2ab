using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Protocol;

/// <summary>Bad input gets its error code, the connection stays usable, and nothing half-stored stays behind.</summary>
[Trait("Area", "Protocol")]
public sealed class BadInputTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>, IAsyncLifetime
{
    private HubConnection visitor = null!;
    private HubConnection agent = null!;
    private VisitorSession session = null!;

    private Uri Server => fixture.Server.BaseAddress;

    public async Task InitializeAsync()
    {
        session = await TestClients.StartVisitorSessionAsync(Server);
        visitor = TestClients.VisitorConnection(Server, session.Token);
        await visitor.StartAsync();
        agent = TestClients.AgentConnection(Server, await TestClients.SignInAgentAsync(Server));
        await agent.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await visitor.DisposeAsync();
        await agent.DisposeAsync();
    }

    public static TheoryData<string, string> BadTexts => new()
    {
        { "", ErrorCodes.EmptyMessage },
        { "   \n\t ", ErrorCodes.EmptyMessage },
        { new string('я', 4001), ErrorCodes.MessageTooLong },
    };

    [Theory]
    [MemberData(nameof(BadTexts))]
    public async Task A_bad_visitor_message_gets_its_code_stores_nothing_and_the_connection_stays_usable(string text, string code)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), text)));

        Assert.Equal(code, ErrorCodes.Parse(error.Message));
        Assert.Equal(HubConnectionState.Connected, visitor.State);
        var state = await visitor.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Equal(0, state.LastSequence);
        Assert.Empty(state.Messages);
        var ok = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "а теперь нормально"));
        Assert.Equal(1, ok.Message.Sequence);
    }

    [Fact]
    public async Task A_message_of_exactly_the_limit_is_accepted()
    {
        var ok = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), new string('я', 4000)));

        Assert.Equal(4000, ok.Message.Text.Length);
    }

    [Fact]
    public async Task A_send_without_a_client_id_is_refused()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.Empty, "привет")));

        Assert.Equal(ErrorCodes.InvalidArgument, ErrorCodes.Parse(error.Message));
    }

    [Fact]
    public async Task A_negative_resume_sequence_is_refused()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<ResumeResult>("Resume", -1L));

        Assert.Equal(ErrorCodes.InvalidArgument, ErrorCodes.Parse(error.Message));
    }

    [Fact]
    public async Task An_unknown_conversation_is_reported_to_the_agent_and_the_connection_stays_usable()
    {
        var unknown = Guid.NewGuid();

        var open = await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync<ResumeResult>("OpenConversation", unknown, 0L));
        var send = await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(unknown, Guid.NewGuid(), "кому?")));

        Assert.Equal(ErrorCodes.ConversationNotFound, ErrorCodes.Parse(open.Message));
        Assert.Equal(ErrorCodes.ConversationNotFound, ErrorCodes.Parse(send.Message));
        Assert.NotNull(await agent.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetInbox"));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_malformed_token_is_refused_at_connect_with_invalid_token(string token)
    {
        await using var connection = TestClients.VisitorConnection(Server, token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        using var http = TestClients.Http(Server);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{HubPaths.Visitor}/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ErrorCodes.InvalidToken, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_tampered_token_is_refused_when_renewing_a_session()
    {
        var tampered = session.Token[..^4] + (session.Token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var http = TestClients.Http(Server);

        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(null, null, tampered), TestClients.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ErrorCodes.InvalidToken, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_too_long_visitor_name_gets_a_field_error()
    {
        using var http = TestClients.Http(Server);

        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(new string('x', 101), "ru", null), TestClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ErrorCodes.InvalidArgument, problem.GetProperty("code").GetString());
        Assert.Equal("name", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }
}
