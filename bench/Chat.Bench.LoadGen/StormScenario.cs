using System.Diagnostics;
using System.Globalization;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Bench.LoadGen;

/// <summary>
/// The reconnect storm: <c>--widgets</c> widgets load on node A (<c>--url</c>): a session, the visitor hub,
/// <c>Resume(0)</c> and one message acknowledged each. Then node A (<c>--kill-pid</c>) is killed with SIGKILL, and
/// every widget does what the widget does when its connection is lost: reconnects with its back-off and jitter — to
/// node B (<c>--fallback</c>), as the load balancer would send it —, calls <c>Resume</c> with the last sequence it
/// holds and sends one more message. Measured: the time from the kill until each widget has resumed, and, reading
/// every conversation back from the start, that every acknowledged message is there exactly once and in order.
/// Nothing waits longer than <c>--resume-max</c> seconds after the kill.
/// </summary>
internal static class StormScenario
{
    public static async Task<Dictionary<string, object>> RunAsync(Options options, Action<string> progress)
    {
        var nodeA = new Uri(options.Text("url"));
        var nodeB = new Uri(options.Text("fallback"));
        var count = options.Int("widgets", 2000);
        var killPid = int.Parse(options.Text("kill-pid"), CultureInfo.InvariantCulture);
        var resumeMax = TimeSpan.FromSeconds(options.Double("resume-max", 120));
        using var http = ChatTarget.HttpClientFor(nodeA, null);
        using var stop = new CancellationTokenSource();
        var setupFailures = new Failures();
        var stormFailures = new Failures();
        var widgets = new StormWidget?[count];
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Connections.ForEachAsync(count, 32, "widgets on node A", progress, async (i, token) =>
            {
                try
                {
                    var widget = new StormWidget(await ChatTarget.StartSessionAsync(http, i, token), nodeB, stormFailures, stop.Token);
                    widgets[i] = widget;
                    await widget.OpenAsync(nodeA, token);
                }
                catch (Exception e) when (Connections.IsFailure(e))
                {
                    setupFailures.Add(e);
                }
            });
            var ready = widgets.OfType<StormWidget>().Where(w => w.First is not null).ToList();
            var setupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            progress($"{ready.Count}/{count} widgets on node A, each with a message acknowledged ({setupFailures}) in {setupSeconds:0.0} s; killing node A (SIGKILL)");

            var cpu = new CpuMeter(options.Optional("cpu"));
            cpu.Start();
            var killedAt = Stopwatch.GetTimestamp();
            stop.CancelAfter(resumeMax);
            using (var node = Process.GetProcessById(killPid))
            {
                node.Kill();
            }

            await WaitAsync(ready, resumeMax + TimeSpan.FromSeconds(5), progress);
            var resumed = ready.Where(w => w.ResumedAt != 0).ToList();
            var cpuUsed = cpu.Stop(resumed.Count, "Widget");
            var resumes = new LatencyRecorder();
            resumes.OpenWindow(killedAt, long.MaxValue);
            foreach (var widget in resumed)
            {
                resumes.Record(killedAt, widget.ResumedAt);
            }

            var checks = new StormCheck[ready.Count];
            var checkFailures = new Failures();
            await Connections.ForEachAsync(ready.Count, 32, "conversations read back", progress, async (i, token) =>
            {
                try
                {
                    checks[i] = await ready[i].CheckAsync(token);
                }
                catch (Exception e) when (Connections.IsFailure(e))
                {
                    checkFailures.Add(e);
                }
            });

            double Seconds(long timestamp) => Math.Round((timestamp - killedAt) / (double)Stopwatch.Frequency, 2);
            var sent = ready.Where(w => w.SecondAt != 0).ToList();
            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["widgets"] = count,
                ["ready"] = ready.Count,
                ["setupSeconds"] = Math.Round(setupSeconds, 1),
                ["setupFailed"] = setupFailures.Count,
                ["setupFirstError"] = setupFailures.First,
                ["resumed"] = resumed.Count,
                ["lastResumeS"] = resumed.Count == 0 ? 0 : Seconds(resumed.Max(w => w.ResumedAt)),
                ["p50Ms"] = Math.Round(resumes.PercentileMs(50), 1),
                ["p99Ms"] = Math.Round(resumes.PercentileMs(99), 1),
                ["maxMs"] = Math.Round(resumes.MaxMs, 1),
                ["sentAfter"] = sent.Count,
                ["lastSentS"] = sent.Count == 0 ? 0 : Seconds(sent.Max(w => w.SecondAt)),
                ["attemptsMean"] = resumed.Count == 0 ? 0 : Math.Round(resumed.Average(w => w.Attempts), 2),
                ["attemptsMax"] = resumed.Count == 0 ? 0 : resumed.Max(w => w.Attempts),
                ["stormFailures"] = stormFailures.Count,
                ["firstStormError"] = stormFailures.First,
                ["acked"] = checks.Sum(c => c.Acked),
                ["lost"] = checks.Sum(c => c.Lost),
                ["duplicated"] = checks.Sum(c => c.Duplicated),
                ["outOfOrder"] = checks.Sum(c => c.OutOfOrder),
                ["unchecked"] = checkFailures.Count,
                ["firstCheckError"] = checkFailures.First,
                ["cpu"] = cpuUsed,
            };
        }
        finally
        {
            await stop.CancelAsync();
            await Connections.CloseAllAsync(widgets.Select(w => w?.Connection), TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Waits until every widget is through its storm (or <paramref name="limit"/>), reporting every 5 s.</summary>
    private static async Task WaitAsync(List<StormWidget> widgets, TimeSpan limit, Action<string> progress)
    {
        var all = Task.WhenAll(widgets.Select(w => w.Stormed));
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!all.IsCompleted && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
            progress($"{widgets.Count(w => w.ResumedAt != 0)}/{widgets.Count} resumed on node B, {widgets.Count(w => w.SecondAt != 0)} sent their next message");
        }

        if (all.IsCompleted)
        {
            await all;
        }
    }
}

/// <summary>What reading one conversation back found of the messages its widget had acknowledged.</summary>
internal readonly record struct StormCheck(int Acked, int Lost, int Duplicated, int OutOfOrder);

/// <summary>
/// One widget of the storm: the protocol's delivery rules as the widget follows them (docs/protocol.md);
/// <paramref name="failures"/> counts its failed reconnect attempts and sends.
/// </summary>
internal sealed class StormWidget(VisitorSession session, Uri fallback, Failures failures, CancellationToken stop)
{
    private const int MaxAttempts = 30;
    private const int MaxCallTries = 5;

    /// <summary>How long a reconnect attempt may take to connect: the SignalR client's handshake timeout.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private readonly TaskCompletionSource<Task> reconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private long last;

    /// <summary>The connection now: to node A, then to node B once resumed there.</summary>
    public HubConnection? Connection { get; private set; }

    public ChatMessage? First { get; private set; }

    public ChatMessage? Second { get; private set; }

    /// <summary>Reconnect attempts until it resumed (1 = the first, immediate one).</summary>
    public int Attempts { get; private set; }

    /// <summary>When <c>Resume</c> answered on node B (Stopwatch ticks; 0 until then).</summary>
    public long ResumedAt { get; private set; }

    /// <summary>When the message after the storm was acknowledged (Stopwatch ticks; 0 until then).</summary>
    public long SecondAt { get; private set; }

    /// <summary>Done when the widget is through the storm: resumed and sent, or gave up at the limit.</summary>
    public Task Stormed => reconnect.Task.Unwrap();

    /// <summary>Loads on <paramref name="node"/>: connects, resumes from 0 and sends its first message. Losing that connection starts the reconnect.</summary>
    public async Task OpenAsync(Uri node, CancellationToken token)
    {
        var connection = Connect(node);
        connection.Closed += _ =>
        {
            if (First is not null)
            {
                reconnect.TrySetResult(Task.Run(ReconnectAsync));
            }

            return Task.CompletedTask;
        };
        Connection = connection;
        await connection.StartAsync(token);
        await ResumeAsync(connection, token);
        First = await SendAsync(connection, "Hello, is anybody there?", token);
    }

    /// <summary>Reads the conversation back from the start and checks the acknowledged messages: each once, in order, with its sequence.</summary>
    public async Task<StormCheck> CheckAsync(CancellationToken token)
    {
        if (Connection is not { State: HubConnectionState.Connected })
        {
            Connection = Connect(fallback);
            await Connection.StartAsync(token);
        }

        var messages = (await Connection.InvokeAsync<ResumeResult>("Resume", 0L, token)).Messages;
        var acked = new[] { First, Second }.OfType<ChatMessage>().ToList();
        var copies = acked.Select(a => messages.Count(m => m.ClientMessageId == a.ClientMessageId)).ToList();
        var found = messages.Where(m => acked.Exists(a => a.ClientMessageId == m.ClientMessageId)).ToList();
        var inOrder = messages.Zip(messages.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence)
            && found.Select(m => m.ClientMessageId).SequenceEqual(acked.Where(a => found.Exists(m => m.ClientMessageId == a.ClientMessageId)).Select(a => a.ClientMessageId))
            && found.TrueForAll(m => acked.Exists(a => a.ClientMessageId == m.ClientMessageId && a.Sequence == m.Sequence));
        return new StormCheck(acked.Count, copies.Count(c => c == 0), copies.Count(c => c > 1), inOrder ? 0 : 1);
    }

    /// <summary>
    /// The connection is lost: reconnect with the widget's back-off (at once, then 1 s, 2 s, 4 s … ±20 %) until an
    /// attempt connects (within the handshake timeout); then resume after the last sequence held and send one more
    /// message. A connection lost on the way starts the next attempt.
    /// </summary>
    private async Task ReconnectAsync()
    {
        try
        {
            for (var attempt = 0; attempt < MaxAttempts && ResumedAt == 0; attempt++)
            {
                await Task.Delay(Backoff.Reconnect(attempt), stop);
                Attempts = attempt + 1;
                var connection = Connect(fallback);
                try
                {
                    using (var limit = CancellationTokenSource.CreateLinkedTokenSource(stop))
                    {
                        limit.CancelAfter(ConnectTimeout);
                        await connection.StartAsync(limit.Token);
                    }

                    Connection = connection;
                    await ResumeAsync(connection, stop);
                    ResumedAt = Stopwatch.GetTimestamp();
                }
                catch (Exception e) when (Connections.IsFailure(e) && !stop.IsCancellationRequested)
                {
                    failures.Add(e);
                    await connection.DisposeAsync();
                }
            }

            if (ResumedAt != 0)
            {
                Second = await SendAsync(Connection!, "Still there? My connection dropped.", stop);
                SecondAt = Stopwatch.GetTimestamp();
            }
        }
        catch (Exception e) when (Connections.IsFailure(e))
        {
            failures.Add(e); // the limit struck, or the send after resuming failed
        }
    }

    private HubConnection Connect(Uri node)
    {
        var connection = ChatTarget.Widget(node, session);
        connection.On<ChatMessage>(nameof(IVisitorClient.MessageReceived), m => Hold(m.Sequence));
        return connection;
    }

    /// <summary>Fetches what came after the last sequence held.</summary>
    private Task<ResumeResult> ResumeAsync(HubConnection connection, CancellationToken token) =>
        RetriedAsync(
            async () =>
            {
                long after;
                lock (gate)
                {
                    after = last;
                }

                var result = await connection.InvokeAsync<ResumeResult>("Resume", after, token);
                Hold(result.Messages.Select(m => m.Sequence).DefaultIfEmpty(0).Max());
                return result;
            },
            token);

    /// <summary>Sends with a client id of its own, the same on every retry (idempotent).</summary>
    private Task<ChatMessage> SendAsync(HubConnection connection, string text, CancellationToken token)
    {
        var id = Guid.NewGuid();
        return RetriedAsync(
            async () =>
            {
                var message = (await connection.InvokeAsync<SendResult>("SendMessage", new VisitorSend(id, text), token)).Message;
                Hold(message.Sequence);
                return message;
            },
            token);
    }

    /// <summary>What the widget does when the server refuses a call on a live connection: tries again after its back-off (here at most <see cref="MaxCallTries"/> times).</summary>
    private static async Task<T> RetriedAsync<T>(Func<Task<T>> call, CancellationToken token)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (HubException) when (attempt + 1 < MaxCallTries)
            {
                await Task.Delay(Backoff.Delay(attempt), token);
            }
        }
    }

    private void Hold(long sequence)
    {
        lock (gate)
        {
            last = Math.Max(last, sequence);
        }
    }
}
