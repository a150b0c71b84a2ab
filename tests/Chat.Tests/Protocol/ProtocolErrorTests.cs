using System.Net.WebSockets;
using System.Text;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Protocol;

/// <summary>
/// The protocol's promise: every refusal is an error with a stable code and the connection stays open, also where
/// SignalR answers before our code runs (arguments that do not bind, unknown methods, a lone surrogate); a frame over the
/// size limit closes the connection with a code; refusals are logged once per connection, never with a stack trace.
/// </summary>
[Trait("Area", "Protocol")]
public sealed class ProtocolErrorTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>, IAsyncLifetime
{
    private HubConnection visitor = null!;
    private VisitorSession session = null!;

    private Uri Server => fixture.Server.BaseAddress;

    public async Task InitializeAsync()
    {
        session = await TestClients.StartVisitorSessionAsync(Server);
        visitor = TestClients.VisitorConnection(Server, session.Token);
        await visitor.StartAsync();
    }

    public async Task DisposeAsync() => await visitor.DisposeAsync();

    [Fact]
    public async Task A_null_argument_is_invalid_argument_with_its_name()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeCoreAsync<SendResult>("SendMessage", [null]));

        Assert.Equal(ErrorCodes.InvalidArgument, ErrorCodes.Parse(error.Message));
        Assert.Equal([("send", ErrorCodes.InvalidArgument)], ErrorCodes.ParseFields(error.Message));
        await AssertStillUsableAsync();
    }

    public static TheoryData<string, object?[], string, string> UnboundCalls => new()
    {
        { "SendMessage", ["just a string"], ErrorCodes.InvalidArgument, "arguments" },
        { "SendMessage", [new { clientMessageId = "not-a-guid", text = "привет" }], ErrorCodes.InvalidArgument, "clientMessageId" },
        { "SendMessage", [], ErrorCodes.InvalidArgument, "arguments" },
        { "SendMessage", [new VisitorSend(Guid.NewGuid(), "раз"), "два"], ErrorCodes.InvalidArgument, "arguments" },
        { "Resume", ["seven"], ErrorCodes.InvalidArgument, "arguments" },
        { "NoSuchMethod", [1], ErrorCodes.UnknownMethod, "" },
    };

    [Theory]
    [MemberData(nameof(UnboundCalls))]
    public async Task Arguments_that_do_not_bind_and_unknown_methods_get_a_stable_code(string method, object?[] arguments, string code, string field)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeCoreAsync<object>(method, arguments));

        Assert.Equal(code, ErrorCodes.Parse(error.Message));
        Assert.Equal(field, ErrorCodes.ParseFields(error.Message).Select(f => f.Field).SingleOrDefault() ?? "");
        Assert.DoesNotContain("Exception", error.Message.Replace("HubException: ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await AssertStillUsableAsync();
    }

    [Fact]
    public async Task A_lone_surrogate_is_invalid_characters_and_the_raw_connection_stays_open()
    {
        using var socket = await RawSocketAsync();
        await SendAsync(socket, $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"SendMessage\",\"arguments\":[{{\"clientMessageId\":\"{Guid.NewGuid()}\",\"text\":\"a\\ud800b\"}}]}}\u001e");
        var answer = await ReceiveAsync(socket);

        Assert.Equal(ErrorCodes.InvalidCharacters, ErrorCodes.Parse(answer));
        Assert.Contains("[fields: text=invalid_characters]", answer, StringComparison.Ordinal);
        await SendAsync(socket, "{\"type\":1,\"invocationId\":\"2\",\"target\":\"Resume\",\"arguments\":[0]}\u001e");
        Assert.Contains("\"lastSequence\":0", await ReceiveAsync(socket), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_over_the_limit_closes_the_connection_with_message_too_long_and_a_reconnect_works()
    {
        var closed = new TaskCompletionSource<Exception?>();
        visitor.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        _ = visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), new string('я', 1 << 20)));
        var reason = await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ErrorCodes.MessageTooLong, ErrorCodes.Parse(reason?.Message));
        Assert.Contains("65536 bytes", reason!.Message, StringComparison.Ordinal);
        await using var again = TestClients.VisitorConnection(Server, session.Token);
        await again.StartAsync();
        Assert.Equal(session.ConversationId, (await again.InvokeAsync<ResumeResult>("Resume", 0L)).ConversationId);
    }

    [Fact]
    public async Task A_text_just_over_the_length_limit_is_refused_and_the_connection_stays_open()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), new string('я', 9000))));

        Assert.Equal(ErrorCodes.MessageTooLong, ErrorCodes.Parse(error.Message));
        await AssertStillUsableAsync();
    }

    public static TheoryData<string> InvisibleControls => new() { "до\u0000после", "счёт \u202Eexe.fdp", "имя\u2066скрыто\u2069", "звонок\u0007" };

    [Theory]
    [MemberData(nameof(InvisibleControls))]
    public async Task Control_characters_and_bidirectional_overrides_in_message_text_are_refused(string text)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), text)));

        Assert.Equal(ErrorCodes.InvalidCharacters, ErrorCodes.Parse(error.Message));
        Assert.Equal([("text", ErrorCodes.InvalidCharacters)], ErrorCodes.ParseFields(error.Message));
        Assert.Empty((await visitor.InvokeAsync<ResumeResult>("Resume", 0L)).Messages);
    }

    [Fact]
    public async Task Right_to_left_text_line_breaks_and_tabs_are_kept()
    {
        const string Text = "مرحبا\u200F בוקר טוב\nвторая строка\tс табуляцией";

        var sent = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), Text));

        Assert.Equal(Text, sent.Message.Text);
    }

    [Fact]
    public async Task A_visitor_name_loses_its_bidirectional_overrides()
    {
        var disguised = await TestClients.StartVisitorSessionAsync(Server, "Ольга \u202Eаннa\u202C");
        await using var hub = TestClients.VisitorConnection(Server, disguised.Token);
        await hub.StartAsync();

        var sent = await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "привет"));

        Assert.Equal("Ольга аннa", sent.Message.SenderName);
    }

    private async Task AssertStillUsableAsync()
    {
        Assert.Equal(HubConnectionState.Connected, visitor.State);
        var ok = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "всё в порядке"));
        Assert.Equal("всё в порядке", ok.Message.Text);
    }

    private async Task<ClientWebSocket> RawSocketAsync()
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(new Uri(Server, HubPaths.Visitor)) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(session.Token)}" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        await SendAsync(socket, "{\"protocol\":\"json\",\"version\":1}\u001e");
        Assert.Equal("{}\u001e", await ReceiveAsync(socket));
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>The next frame that is not a ping.</summary>
    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, timeout.Token);
                text.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var frame = Encoding.UTF8.GetString(text.ToArray());
            if (!frame.StartsWith("{\"type\":6", StringComparison.Ordinal))
            {
                return frame;
            }
        }
    }
}
