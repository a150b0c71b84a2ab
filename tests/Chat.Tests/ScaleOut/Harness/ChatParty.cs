using System.Diagnostics;
using System.Net;
using System.Text.Json.Serialization;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.ScaleOut.Harness;

/// <summary>
/// One side of a conversation, written to the protocol's delivery rules as the widget and the
/// console follow them: shows messages strictly in sequence order, drops what it has, fills gaps by
/// resuming, keeps unacknowledged sends and re-sends them with the same client id, and when its
/// connection is lost connects again (to the next address, as a load balancer would) and resumes.
/// </summary>
public sealed class ChatParty : IAsyncDisposable
{
    private readonly SenderKind kind;
    private readonly Guid conversationId;
    private readonly Func<int, Uri> address;
    private readonly string? token;
    private readonly CookieContainer? cookies;
    private readonly Lock gate = new();
    private readonly List<ChatMessage> shown = [];
    private readonly SortedDictionary<long, ChatMessage> early = [];
    private readonly Dictionary<Guid, string> outbox = [];
    private readonly List<ChatMessage> acknowledged = [];
    private readonly List<double> resumeMs = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim syncing = new(1, 1);
    private HubConnection? connection;
    private long last;
    private int attempt;
    private Task? loop;

    private ChatParty(SenderKind kind, Guid conversationId, Func<int, Uri> address, string? token, CookieContainer? cookies)
    {
        this.kind = kind;
        this.conversationId = conversationId;
        this.address = address;
        this.token = token;
        this.cookies = cookies;
    }

    public static ChatParty Visitor(VisitorSession session, Func<int, Uri> address) => new(SenderKind.Visitor, session.ConversationId, address, session.Token, null);

    public static ChatParty Agent(Guid conversationId, CookieContainer cookies, Func<int, Uri> address) => new(SenderKind.Agent, conversationId, address, null, cookies);

    public Guid ConversationId => conversationId;

    public SenderKind Kind => kind;

    public IReadOnlyList<ChatMessage> Shown
    {
        get
        {
            lock (gate)
            {
                return [.. shown];
            }
        }
    }

    public IReadOnlyList<ChatMessage> Acknowledged
    {
        get
        {
            lock (gate)
            {
                return [.. acknowledged];
            }
        }
    }

    public IReadOnlyList<double> ResumeMilliseconds
    {
        get
        {
            lock (gate)
            {
                return [.. resumeMs];
            }
        }
    }

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return outbox.Count;
            }
        }
    }

    public long Last => Interlocked.Read(ref last);

    public async Task StartAsync()
    {
        await ConnectAsync(null);
        loop = KeepConnectedAsync();
    }

    /// <summary>Queues a message; it is sent now if connected, and again after every reconnect until acknowledged.</summary>
    public async Task SendAsync(string text)
    {
        var id = Guid.NewGuid();
        lock (gate)
        {
            outbox[id] = text;
        }

        await TrySendAsync(id, text);
    }

    /// <summary>Asks the server for anything after what is shown (what a client does on a timer and after reconnecting).</summary>
    public async Task SyncAsync()
    {
        var current = connection;
        if (current?.State != HubConnectionState.Connected)
        {
            return;
        }

        await syncing.WaitAsync();
        try
        {
            while (true)
            {
                var result = kind == SenderKind.Visitor
                    ? await current.InvokeAsync<ResumeResult>("Resume", Last)
                    : await current.InvokeAsync<ResumeResult>("OpenConversation", conversationId, Last);
                foreach (var message in result.Messages)
                {
                    Apply(message);
                }

                if (result.LastSequence <= Last || result.Messages.Count == 0)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The connection went away mid-sync; the reconnect resumes.
        }
        finally
        {
            syncing.Release();
        }
    }

    private async Task TrySendAsync(Guid id, string text)
    {
        var current = connection;
        if (current?.State != HubConnectionState.Connected)
        {
            return;
        }

        try
        {
            var result = kind == SenderKind.Visitor
                ? await current.InvokeAsync<SendResult>("SendMessage", new VisitorSend(id, text))
                : await current.InvokeAsync<SendResult>("SendMessage", new AgentSend(conversationId, id, text));
            lock (gate)
            {
                if (outbox.Remove(id))
                {
                    acknowledged.Add(result.Message);
                }
            }

            Apply(result.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not acknowledged: it stays in the outbox and goes again, with the same id, after reconnecting.
        }
    }

    private void Apply(ChatMessage message)
    {
        var gap = false;
        lock (gate)
        {
            if (message.Sequence <= last)
            {
                return;
            }

            early[message.Sequence] = message;
            while (early.Remove(last + 1, out var next))
            {
                shown.Add(next);
                Interlocked.Increment(ref last);
            }

            gap = early.Count > 0;
        }

        if (gap)
        {
            _ = SyncAsync();
        }
    }

    private async Task ConnectAsync(long? lostAt)
    {
        while (!stopping.IsCancellationRequested)
        {
            var target = new Uri(address(attempt), kind == SenderKind.Visitor ? HubPaths.Visitor : HubPaths.Agent);
            var next = new HubConnectionBuilder()
                .WithUrl(target, o =>
                {
                    if (token is not null)
                    {
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    }

                    o.Cookies = cookies ?? new CookieContainer();
                })
                .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
                .Build();
            next.ServerTimeout = TimeSpan.FromSeconds(4);
            next.KeepAliveInterval = TimeSpan.FromSeconds(1);
            next.On<ChatMessage>("MessageReceived", m =>
            {
                if (m.ConversationId == conversationId)
                {
                    Apply(m);
                }
            });
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await next.StartAsync(timeout.Token);
                connection = next;
                await SyncAsync();
                foreach (var (id, text) in PendingSends())
                {
                    await TrySendAsync(id, text);
                }

                if (lostAt is { } started)
                {
                    lock (gate)
                    {
                        resumeMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }

                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await next.DisposeAsync();
                attempt++;
                await Task.Delay(200);
            }
        }
    }

    private List<(Guid Id, string Text)> PendingSends()
    {
        lock (gate)
        {
            return [.. outbox.Select(p => (p.Key, p.Value))];
        }
    }

    private async Task KeepConnectedAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var current = connection!;
            var closed = new TaskCompletionSource();
            current.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            if (current.State != HubConnectionState.Disconnected)
            {
                await Task.WhenAny(closed.Task, Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            var lostAt = Stopwatch.GetTimestamp();
            await current.DisposeAsync();
            attempt++;
            await ConnectAsync(lostAt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        stopping.Dispose();
        syncing.Dispose();
    }
}
