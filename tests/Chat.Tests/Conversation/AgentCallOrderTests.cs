using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Pipeline;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Conversation;

/// <summary>
/// The order of one connection's calls (<see cref="CallOrder"/>): sends overlap one another, every other call runs alone
/// after the calls before it.
/// </summary>
[Trait("Area", "Conversation")]
public sealed class CallOrderTests
{
    private readonly CallOrder order = new();

    [Fact]
    public async Task Overlapping_calls_run_beside_each_other()
    {
        var first = new TaskCompletionSource<int>();
        var secondStarted = false;

        var one = order.RunAsync(overlaps: true, () => new ValueTask<int>(first.Task)).AsTask();
        var two = order.RunAsync(overlaps: true, () =>
        {
            secondStarted = true;
            return ValueTask.FromResult(2);
        }).AsTask();

        Assert.True(secondStarted);
        Assert.Equal(2, await two);
        Assert.False(one.IsCompleted);
        first.SetResult(1);
        Assert.Equal(1, await one);
    }

    [Fact]
    public async Task A_call_alone_waits_for_the_sends_before_it_and_holds_back_the_sends_after_it()
    {
        var send = new TaskCompletionSource<int>();
        var ran = new List<string>();

        var first = order.RunAsync(overlaps: true, () => new ValueTask<int>(send.Task)).AsTask();
        var alone = order.RunAsync(overlaps: false, () =>
        {
            ran.Add("alone");
            return ValueTask.FromResult(0);
        }).AsTask();
        var after = order.RunAsync(overlaps: true, () =>
        {
            ran.Add("after");
            return ValueTask.FromResult(0);
        }).AsTask();

        Assert.Empty(ran);
        send.SetResult(1);
        await Task.WhenAll(first, alone, after);
        Assert.Equal(["alone", "after"], ran);
    }

    [Fact]
    public async Task A_failed_call_lets_the_next_one_run_and_its_caller_gets_the_error()
    {
        var failing = new TaskCompletionSource<int>();
        var failed = order.RunAsync(overlaps: false, () => new ValueTask<int>(failing.Task)).AsTask();
        var next = order.RunAsync(overlaps: false, () => ValueTask.FromResult(7)).AsTask();

        Assert.False(next.IsCompleted);
        failing.SetException(new InvalidOperationException("refused"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal(7, await next);
    }
}

/// <summary>
/// One console connection over real SignalR, with the writer held on its first batch: its sends into other conversations
/// wait for the writer together and are stored in one batch, while a call that is not a send waits for the sends before it.
/// </summary>
[Trait("Area", "Conversation")]
public sealed class AgentCallOrderTests : IAsyncLifetime
{
    private readonly HeldLog held = new();
    private readonly List<HubConnection> connections = [];
    private ChatServer server = null!;

    public async Task InitializeAsync() => server = await ChatServer.StartAsync(Backend.Embedded, services: held.Install);

    public async Task DisposeAsync()
    {
        held.Release();
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await server.DisposeAsync();
    }

    [Fact]
    public async Task An_agents_sends_into_other_conversations_do_not_wait_for_the_commit_of_the_first()
    {
        var agent = await AgentAsync();
        var conversations = await ConversationsAsync(3);
        var writer = server.Services.GetRequiredService<MessageWriter>();

        held.Hold();
        var first = Send(agent, conversations[0], "Первый ответ");
        await held.Holding;
        var others = new[] { Send(agent, conversations[1], "Второй ответ"), Send(agent, conversations[2], "Третий ответ") };
        await LocalProcess.WaitUntilAsync(() => Task.FromResult(writer.Waiting == 2), "both later sends waiting for the writer");
        held.Release();

        var stored = await Task.WhenAll([first, .. others]);
        Assert.All(stored, s => Assert.Equal(1, s.Message.Sequence));
        var batches = held.Batches.Select(b => b.Where(m => m.Sender.Kind == SenderKind.Agent).Select(m => m.Text).Order().ToArray()).Where(b => b.Length > 0);
        Assert.Equal([["Первый ответ"], ["Второй ответ", "Третий ответ"]], batches);
    }

    [Fact]
    public async Task A_call_made_after_a_reply_is_answered_once_the_reply_is_stored()
    {
        var agent = await AgentAsync();
        var conversation = (await ConversationsAsync(1))[0];

        held.Hold();
        var reply = Send(agent, conversation, "Проверяю ваш договор");
        await held.Holding;
        var inbox = agent.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetInbox");
        // An inbox read beside the held reply would be answered now, without it; give it the time to show.
        await Task.WhenAny(inbox, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(inbox.IsCompleted);
        held.Release();

        Assert.Equal(1, (await reply).Message.Sequence);
        var line = Assert.Single(await inbox, c => c.Id == conversation);
        Assert.Equal(("Проверяю ваш договор", 1L, "m.petrov"), (line.LastText, line.LastSequence, line.AssignedTo));
    }

    private static Task<SendResult> Send(HubConnection agent, Guid conversation, string text) =>
        agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(conversation, Guid.NewGuid(), text));

    private async Task<HubConnection> AgentAsync()
    {
        var agent = TestClients.AgentConnection(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress));
        connections.Add(agent);
        await agent.StartAsync();
        return agent;
    }

    private async Task<Guid[]> ConversationsAsync(int count)
    {
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = (await TestClients.StartVisitorSessionAsync(server.BaseAddress, $"Посетитель {i + 1}")).ConversationId;
        }

        return ids;
    }

    /// <summary>The server's message log, held on a batch while the test says so, recording every batch it stores.</summary>
    private sealed class HeldLog : IMessageLog
    {
        private readonly TaskCompletionSource holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool armed;
        private IMessageLog inner = null!;

        /// <summary>Every batch stored, in order (read once the writes are done).</summary>
        public List<IReadOnlyList<MessageAppend>> Batches { get; } = [];

        /// <summary>Completes once a batch is held.</summary>
        public Task Holding => holding.Task;

        public void Install(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IMessageLog));
            services.Remove(original);
            services.AddSingleton<IMessageLog>(sp =>
            {
                inner = (IMessageLog)original.ImplementationFactory!(sp);
                return this;
            });
        }

        /// <summary>The next batch waits for <see cref="Release"/>.</summary>
        public void Hold() => armed = true;

        public void Release() => release.TrySetResult();

        public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(IReadOnlyList<MessageAppend> batch, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (armed)
            {
                armed = false;
                holding.TrySetResult();
                await release.Task;
            }

            lock (Batches)
            {
                Batches.Add(batch);
            }

            return await inner.AppendAsync(batch, now, cancellationToken);
        }
    }
}
