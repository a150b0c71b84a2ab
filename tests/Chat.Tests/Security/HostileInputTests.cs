using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using CsCheck;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Security;

/// <summary>A server for the hostile-input suite, with a control visitor whose conversation must keep working throughout.</summary>
public sealed class HostileServerFixture : IAsyncLifetime
{
    public ChatServer Server { get; private set; } = null!;

    public VisitorSession Control { get; private set; } = null!;

    public HubConnection ControlHub { get; private set; } = null!;

    public long MemoryBefore { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await ChatServer.StartAsync(Backend.Embedded, HandoffSettings.Overrides);
        Control = await TestClients.StartVisitorSessionAsync(Server.BaseAddress, "Контроль");
        ControlHub = TestClients.VisitorConnection(Server.BaseAddress, Control.Token);
        await ControlHub.StartAsync();
        await ControlHub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "контроль"));
        MemoryBefore = GC.GetTotalMemory(forceFullCollection: true);
    }

    public async Task DisposeAsync()
    {
        await ControlHub.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// Generated hostile input (CsCheck generators, fixed seeds and iteration counts) thrown at both hubs, the raw
/// WebSocket protocol and the HTTP API: every piece gets an error or a clean close, the server stays up, its memory
/// stays bounded and the control visitor's conversation is untouched and still works end to end.
/// </summary>
[Trait("Area", "Security")]
public sealed class HostileInputTests(HostileServerFixture fixture) : IClassFixture<HostileServerFixture>
{
    private static readonly string[] VisitorMethods = ["Resume", "SendMessage", "Identify", "RequestCallBack", "OpenConversation", "GetHandoff", "AcceptHandoff", "resume", "Send Message", "__proto__"];
    private static readonly string[] AgentMethods = ["GetInbox", "OpenConversation", "LeaveConversation", "SendMessage", "GetHandoffs", "GetHandoff", "AcknowledgeHandoff", "RecordContact", "HandOffConversation", "Identify", "OnConnectedAsync", "Dispose"];

    private Uri Server => fixture.Server.BaseAddress;

    /// <summary>Any JSON value: scalars of every kind, strings with control characters and markup, arrays and objects nested a few levels.</summary>
    private static readonly Gen<JsonNode?> AnyJson = Gen.Recursive<JsonNode?>((depth, inner) => depth >= 3
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (1, inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (2, Gen.Select(Gen.OneOf<string>(Gen.OneOf("text", "clientMessageId", "conversationId", "handoffId"), Gen.String[0, 8]).Array[0, 4], inner.Array[4])
                .Select((keys, values) =>
                {
                    var obj = new JsonObject();
                    foreach (var (key, value) in keys.Distinct().Zip(values))
                    {
                        obj[key] = value?.DeepClone();
                    }

                    return (JsonNode?)obj;
                }))));

    private static Gen<JsonNode?> Scalar => Gen.OneOf<JsonNode?>(
        Gen.Const(() => (JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g)),
        Gen.Char.Array[0, 5000].Select(c => (JsonNode?)JsonValue.Create(new string(c))));

    [Fact]
    public async Task Wrong_types_unknown_methods_and_stray_ids_on_the_visitor_hub_each_get_an_error_or_touch_only_the_callers_conversation()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server, "Атакующий");
        await using var hub = TestClients.VisitorConnection(Server, session.Token);
        await hub.StartAsync();
        var calls = Gen.Select(Gen.OneOf(VisitorMethods), AnyJson.Array[0, 3]);

        foreach (var (method, args) in Samples(calls, count: 60, seed: 1))
        {
            await InvokeAndExpectAnAnswerAsync(hub, method, args);
        }

        var state = await hub.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Equal(session.ConversationId, state.ConversationId);
        Assert.All(state.Messages, m => Assert.Equal(session.ConversationId, m.ConversationId));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Wrong_types_and_unknown_methods_on_the_agent_hub_each_get_an_error_and_the_connection_stays_usable()
    {
        await using var hub = TestClients.AgentConnection(Server, await TestClients.SignInAgentAsync(Server, "cc.ivanova"));
        await hub.StartAsync();
        var calls = Gen.Select(Gen.OneOf(AgentMethods), AnyJson.Array[0, 3]);

        foreach (var (method, args) in Samples(calls, count: 60, seed: 2))
        {
            await InvokeAndExpectAnAnswerAsync(hub, method, args);
        }

        Assert.NotNull(await hub.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetInbox"));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Garbage_frames_invalid_utf8_and_oversized_messages_on_a_raw_websocket_are_answered_with_an_error_or_a_clean_close()
    {
        var invalidUtf8 = Gen.OneOf(
            new byte[] { 0xC3, 0x28 }, [0xFF, 0xFE, 0xFD], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]);
        var payloads = Gen.Frequency(
            (3, Gen.Byte.Array[1, 200]),
            (2, Gen.Select(invalidUtf8, Gen.Int[0, 40]).Select((bad, at) => Invocation("SendMessage", $"{{\"clientMessageId\":\"{Guid.NewGuid()}\",\"text\":\"{new string('a', at)}\"}}", bad))),
            (2, AnyJson.Select(json => Encoding.UTF8.GetBytes(json?.ToJsonString() ?? "null"))),
            (1, Gen.Int[65 * 1024, 200 * 1024].Select(size => Invocation("SendMessage", $"{{\"clientMessageId\":\"{Guid.NewGuid()}\",\"text\":\"{new string('x', size)}\"}}"))),
            (1, Gen.Int[100, 3000].Select(depth => Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth)))));
        var session = await TestClients.StartVisitorSessionAsync(Server, "Сырой");

        foreach (var (payload, handshakeFirst) in Samples(Gen.Select(payloads, Gen.Bool), count: 40, seed: 3))
        {
            using var socket = await RawVisitorSocketAsync(session.Token);
            if (handshakeFirst)
            {
                await SendFrameAsync(socket, Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"));
                Assert.Equal("{}", (await ReceiveFrameAsync(socket))?.TrimEnd('\u001e'));
            }

            await SendFrameAsync(socket, [.. payload, 0x1E]);
            if (socket.State == WebSocketState.Open)
            {
                await SendFrameAsync(socket, Invocation("Resume", "0", invocationId: "probe"));
            }

            var answer = await ReadUntilAnswerAsync(socket);
            Assert.True(answer is "closed" or "error" or "probe", $"no error, close or answer after {payload.Length} bytes (handshake first: {handshakeFirst}): {answer}");
        }

        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_flood_of_tiny_messages_gets_each_one_stored_or_refused_with_rate_limited()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server, "Поток");
        await using var hub = TestClients.VisitorConnection(Server, session.Token);
        await hub.StartAsync();
        var texts = Samples(Gen.String[1, 3].Where(t => !string.IsNullOrWhiteSpace(t) && !t.Any(char.IsControl)), count: 400, seed: 4);

        var outcomes = await Task.WhenAll(texts.Select(async text =>
        {
            try
            {
                await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), text));
                return "stored";
            }
            catch (HubException e)
            {
                return ErrorCodes.Parse(e.Message);
            }
        }));

        Assert.Equal(["rate_limited", "stored"], outcomes.Distinct().Order());
        var state = await ResumeWhenAllowedAsync(hub);
        Assert.Equal(outcomes.Count(o => o == "stored"), state.Messages.Count);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Malformed_oversized_and_deeply_nested_bodies_on_the_http_api_each_get_a_client_error()
    {
        var bodies = Gen.Frequency(
            (2, AnyJson.Where(j => j is not JsonObject).Select(j => j?.ToJsonString() ?? "null")),
            (2, AnyJson.Select(j => (j?.ToJsonString() ?? "null") + "}{")),
            (1, Gen.Int[65, 5000].Select(depth => "{\"name\":" + new string('[', depth) + new string(']', depth) + "}")),
            (1, Gen.Int[101, 2_000_000].Select(size => $"{{\"name\":\"{new string('я', size)}\",\"login\":\"{new string('x', size)}\"}}")),
            (2, AnyJson.Where(j => j is JsonArray or JsonObject).Select(value => "{" + string.Join(",",
                new[] { "name", "language", "token", "identityToken", "login", "password" }.Select(key => $"\"{key}\":{value!.ToJsonString()}")) + "}")));
        string[] paths = [HubPaths.VisitorSessions, HubPaths.AgentSignIn, HubPaths.AdminAccounts, HubPaths.AdminStaff];
        using var http = TestClients.Http(Server);

        foreach (var (body, path) in Samples(Gen.Select(bodies, Gen.OneOf(paths)), count: 60, seed: 5))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(HubPaths.AdminKeyHeader, HandoffSettings.AdminKey);
            using var response = await http.SendAsync(request);

            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} answered {(int)response.StatusCode} to {body[..Math.Min(body.Length, 120)]}");
        }

        await AssertStillServingAsync();
    }

    /// <summary>The same generated values on every run: CsCheck's generators driven by a fixed PCG seed.</summary>
    private static List<T> Samples<T>(Gen<T> gen, int count, uint seed)
    {
        var pcg = new PCG(seed, seed);
        return [.. Enumerable.Range(0, count).Select(_ => gen.Generate(pcg, null, out Size _))];
    }

    private static async Task InvokeAndExpectAnAnswerAsync(HubConnection hub, string method, JsonNode?[] args)
    {
        try
        {
            await hub.InvokeCoreAsync<JsonElement>(method, [.. args.Select(a => (object?)JsonSerializer.SerializeToElement(a))]);
        }
        catch (HubException e)
        {
            Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    private static async Task<ResumeResult> ResumeWhenAllowedAsync(HubConnection hub)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await hub.InvokeAsync<ResumeResult>("Resume", 0L);
            }
            catch (HubException e) when (ErrorCodes.Parse(e.Message) == ErrorCodes.RateLimited && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Health answers, the control visitor's conversation is untouched and works end to end, and memory stays bounded.</summary>
    private async Task AssertStillServingAsync()
    {
        using var http = TestClients.Http(Server);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

        var agent = TestClients.AgentConnection(Server, await TestClients.SignInAgentAsync(Server, "cc.ivanova"));
        await using (agent)
        {
            await agent.StartAsync();
            var received = fixture.ControlHub.Record<ChatMessage>(nameof(IVisitorClient.MessageReceived));
            var before = await fixture.ControlHub.InvokeAsync<ResumeResult>("Resume", 0L);
            var reply = await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(fixture.Control.ConversationId, Guid.NewGuid(), "ответ"));
            await received.WaitForAsync(m => m.Id == reply.Message.Id);
            var sent = await fixture.ControlHub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "ещё"));

            Assert.Equal("контроль", before.Messages[0].Text);
            Assert.All(before.Messages, m => Assert.True(m.SenderName is "Контроль" or "Анна Иванова", m.SenderName));
            Assert.Equal(reply.Message.Sequence + 1, sent.Message.Sequence);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after < (fixture.MemoryBefore * 3) + (256L << 20), $"memory grew from {fixture.MemoryBefore >> 20} MB to {after >> 20} MB");
    }

    private async Task<ClientWebSocket> RawVisitorSocketAsync(string token)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(new Uri(Server, HubPaths.Visitor)) { Scheme = "ws", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return socket;
    }

    private static byte[] Invocation(string target, string argument, byte[]? inject = null, string invocationId = "1")
    {
        var head = Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{invocationId}\",\"target\":\"{target}\",\"arguments\":[");
        var tail = Encoding.UTF8.GetBytes($"{argument}]}}");
        return [.. head, .. inject ?? [], .. tail, .. invocationId == "probe" ? [(byte)0x1E] : Array.Empty<byte>()];
    }

    private static async Task SendFrameAsync(ClientWebSocket socket, byte[] frame)
    {
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The server already closed the socket: that is one of the answers this test accepts.
        }
    }

    private static async Task<string?> ReceiveFrameAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        using var text = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                text.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(text.ToArray());
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    /// <summary>"closed", "error" (a completion or close carrying an error), "probe" (the probe was answered), or what else arrived.</summary>
    private static async Task<string> ReadUntilAnswerAsync(ClientWebSocket socket)
    {
        while (true)
        {
            var frame = await ReceiveFrameAsync(socket);
            if (frame is null)
            {
                return "closed";
            }

            foreach (var message in frame.Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                var json = JsonNode.Parse(message)!;
                var type = (int?)json["type"];
                if ((type is null && json["error"] is not null) || type == 7 || (type == 3 && json["error"] is not null && (string?)json["invocationId"] != "probe"))
                {
                    return "error";
                }

                if (type == 3 && (string?)json["invocationId"] == "probe")
                {
                    return "probe";
                }

                if (type is not (6 or 1))
                {
                    return message;
                }
            }
        }
    }
}
