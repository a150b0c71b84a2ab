using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Chat.Server.Agents;
using Chat.Server.Hosting;
using Chat.Server.Visitors;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Server.Realtime;

/// <summary>One hub event with its one argument for an <see cref="Audience"/>, leaving out the connection <see cref="Except"/>.</summary>
public sealed record Push(Audience To, string Event, object Payload, string? Except = null);

/// <summary>
/// The one path of every push to the widgets and consoles. Each node keeps, in memory, which of its own connections
/// follow which <see cref="Audience"/>; a push is written straight to those, and, with Redis configured, published once
/// per call (a whole batch of stored messages is one publish) on the deployment's one feed channel, which every other
/// node reads and writes to its own followers. No SignalR backplane: a connection costs Redis nothing, neither a
/// subscription nor a round trip when it joins. Live pushes are best effort: a publish is fire-and-forget, a push lost
/// while Redis is away is caught up by the clients' resume by sequence number, and a failure never reaches the caller.
/// </summary>
public sealed partial class LiveFeed(
    IHubContext<VisitorHub> visitors,
    IHubContext<AgentHub> agents,
    IServiceProvider services,
    IOptions<RedisOptions> redisOptions,
    IOptions<JsonHubProtocolOptions> hubProtocol,
    ILogger<LiveFeed> logger) : IHostedService
{
    /// <summary>The hubs' own payload settings, so a push read on another node is written to its clients unchanged.</summary>
    private readonly JsonSerializerOptions json = hubProtocol.Value.PayloadSerializerOptions;

    /// <summary>The envelope's first property: the publishing node (<see cref="FromThisNode"/> reads only it).</summary>
    private static readonly JsonEncodedText NodeProperty = JsonEncodedText.Encode("node");

    /// <summary>A thread's envelope buffer starts at this size, grows with the batches it writes and is kept while at most <see cref="EnvelopeBufferKept"/>.</summary>
    private const int EnvelopeBufferStart = 16 * 1024;

    private const int EnvelopeBufferKept = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? envelopeBuffer;

    private readonly ConcurrentDictionary<Audience, string[]> followers = new();
    private readonly ConcurrentDictionary<string, Audience[]> followed = new();
    private readonly Guid node = Guid.NewGuid();
    /// <summary>
    /// The channel is named with the envelope's format (<see cref="Serialize"/>; 2 since payloads are written once): nodes
    /// of another format do not hear each other, so during an upgrade their clients get those pushes on their next resume.
    /// </summary>
    private readonly RedisChannel channel = RedisChannel.Literal($"{redisOptions.Value.KeyPrefix}:feed:2");
    private ISubscriber? redis;

    /// <summary>The connection hears what is pushed to the audience from now on.</summary>
    public void Follow(string connectionId, Audience audience)
    {
        followers.AddOrUpdate(audience, static (_, id) => [id], static (_, ids, id) => ids.Contains(id) ? ids : [.. ids, id], connectionId);
        followed.AddOrUpdate(connectionId, static (_, a) => [a], static (_, list, a) => list.Contains(a) ? list : [.. list, a], audience);
    }

    public void Unfollow(string connectionId, Audience audience)
    {
        Remove(audience, connectionId);
        followed.AddOrUpdate(connectionId, static (_, _) => [], static (_, list, a) => [.. list.Where(x => x != a)], audience);
    }

    /// <summary>The connection closed: it leaves every audience.</summary>
    public void Forget(string connectionId)
    {
        if (followed.TryRemove(connectionId, out var audiences))
        {
            foreach (var audience in audiences)
            {
                Remove(audience, connectionId);
            }
        }
    }

    public Task PushAsync(Push push) => PushAsync([push]);

    /// <summary>Writes the pushes, in order, to this node's followers and sends them to the other nodes in one publish.</summary>
    public async Task PushAsync(IReadOnlyList<Push> pushes)
    {
        if (pushes.Count == 0)
        {
            return;
        }

        if (redis is not null)
        {
            try
            {
                redis.Publish(channel, Serialize(pushes), CommandFlags.FireAndForget);
            }
            catch (RedisException e)
            {
                LogNotPublished(logger, pushes.Count, e.GetType().Name);
            }
        }

        await DeliverAsync(pushes.Select(p => (p.To, p.Event, p.Payload, p.Except)));
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IConnectionMultiplexer>() is not { } multiplexer)
        {
            return;
        }

        var subscriber = multiplexer.GetSubscriber();
        var queue = await subscriber.SubscribeAsync(channel);
        queue.OnMessage(ReceiveAsync);
        redis = subscriber;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis is not null)
        {
            await redis.UnsubscribeAsync(channel);
        }
    }

    private async Task ReceiveAsync(ChannelMessage message)
    {
        try
        {
            var bytes = (byte[])message.Message!;
            if (FromThisNode(bytes))
            {
                return;
            }

            var envelope = JsonSerializer.Deserialize<Envelope>(bytes, json);
            if (envelope is not null)
            {
                await DeliverAsync(envelope.Pushes.Select(p => (new Audience(p.Kind, p.Conversation, p.Name), p.Event, (object)envelope.Payloads[p.Payload], p.Except)));
            }
        }
        catch (JsonException e)
        {
            LogUnreadable(logger, e);
        }
    }

    private async Task DeliverAsync(IEnumerable<(Audience To, string Event, object Payload, string? Except)> pushes)
    {
        // Sends are started in order and awaited together: each connection writes them in the order they were started.
        var sends = new List<Task>();
        foreach (var (to, name, payload, except) in pushes)
        {
            if (!followers.TryGetValue(to, out var ids))
            {
                continue;
            }

            var clients = to.IsVisitors ? visitors.Clients : agents.Clients;
            var targets = Without(ids, except);
            if (targets.Length > 0)
            {
                sends.Add(targets.Length == 1 ? clients.Client(targets[0]).SendCoreAsync(name, [payload]) : clients.Clients(targets).SendCoreAsync(name, [payload]));
            }
        }

        try
        {
            await Task.WhenAll(sends);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotDelivered(logger, e, sends.Count);
        }
    }

    /// <summary>The followers but <paramref name="except"/>; the same array when it is not among them (no copy, no closure).</summary>
    private static string[] Without(string[] ids, string? except)
    {
        var at = except is null ? -1 : Array.IndexOf(ids, except);
        return at < 0 ? ids : [.. ids.AsSpan(0, at), .. ids.AsSpan(at + 1)];
    }

    /// <summary>
    /// Every node hears its own publishes too: the node id is the envelope's first property (<see cref="Serialize"/>), so
    /// those are recognised without reading their pushes.
    /// </summary>
    private bool FromThisNode(byte[] envelope)
    {
        var reader = new Utf8JsonReader(envelope);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(NodeProperty.EncodedUtf8Bytes)
            && reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var from) && from == node;
    }

    private void Remove(Audience audience, string connectionId)
    {
        while (followers.TryGetValue(audience, out var ids) && ids.Contains(connectionId))
        {
            var rest = Array.FindAll(ids, id => id != connectionId);
            if (rest.Length == 0 ? followers.TryRemove(KeyValuePair.Create(audience, ids)) : followers.TryUpdate(audience, rest, ids))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The envelope: the node, the pushes, then their payloads, each written once however many audiences it goes to (a
    /// stored message goes to its visitor and to its agents). The buffer is the calling thread's, reused (the envelope is
    /// written without an await), so a batch allocates its published copy and nothing else.
    /// </summary>
    private byte[] Serialize(IReadOnlyList<Push> pushes)
    {
        var buffer = envelopeBuffer ??= new ArrayBufferWriter<byte>(EnvelopeBufferStart);
        var payloads = new List<object>();
        var indexes = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(NodeProperty, node);
            writer.WriteStartArray("pushes");
            foreach (var push in pushes)
            {
                if (!indexes.TryGetValue(push.Payload, out var payload))
                {
                    indexes.Add(push.Payload, payload = payloads.Count);
                    payloads.Add(push.Payload);
                }

                writer.WriteStartObject();
                writer.WriteNumber("kind", (int)push.To.Kind);
                writer.WriteString("conversation", push.To.Conversation);
                writer.WriteString("name", push.To.Name);
                writer.WriteString("event", push.Event);
                writer.WriteString("except", push.Except);
                writer.WriteNumber("payload", payload);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("payloads");
            foreach (var payload in payloads)
            {
                JsonSerializer.Serialize(writer, payload, payload.GetType(), json);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var envelope = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > EnvelopeBufferKept)
        {
            envelopeBuffer = null;
        }
        else
        {
            buffer.ResetWrittenCount();
        }

        return envelope;
    }

    private sealed record Envelope(List<WirePush> Pushes, List<JsonElement> Payloads);

    private sealed record WirePush(AudienceKind Kind, Guid Conversation, string? Name, string Event, string? Except, int Payload);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} pushes were not published to the other nodes ({Reason}); their clients catch up on resume")]
    private static partial void LogNotPublished(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Count} live pushes were not delivered; the clients catch up on resume")]
    private static partial void LogNotDelivered(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A feed message from another node could not be read")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
