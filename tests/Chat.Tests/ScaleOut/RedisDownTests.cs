using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.ScaleOut;

/// <summary>
/// With Redis gone, a change the database takes is saved and answered as usual: its live pushes are best effort and
/// never turn a saved change into an error for the agent who made it.
/// </summary>
[Trait("Area", "ScaleOut")]
public sealed class RedisDownTests : IAsyncLifetime
{
    private Nodes nodes = null!;
    private ChatServer server = null!;
    private HubConnection agent = null!;

    public async Task InitializeAsync()
    {
        nodes = await Nodes.CreateAsync();
        server = await nodes.StartAsync();
        agent = await nodes.AgentAsync(server, "m.petrov");
    }

    public async Task DisposeAsync() => await nodes.DisposeAsync();

    [Fact]
    public async Task A_note_a_transfer_and_a_close_are_saved_and_answered_while_Redis_is_down()
    {
        var noted = await TakenConversationAsync();
        var transferred = await TakenConversationAsync();
        var closed = await TakenConversationAsync();
        nodes.Redis.Stop();

        var note = await agent.InvokeAsync<ConversationNote>("AddNote", new NoteRequest(noted, Guid.NewGuid(), "клиент просил перезвонить"));
        var transfer = await agent.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(transferred, "m.smirnova", null));
        var close = await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(closed, 5));

        Assert.Equal("клиент просил перезвонить", note.Text);
        Assert.Equal("m.smirnova", transfer.AssignedTo);
        Assert.Equal(ConversationStatus.Closed, close.Conversation.Status);
        Assert.Equal([note.Id], (await agent.InvokeAsync<IReadOnlyList<ConversationNote>>("GetNotes", noted)).Select(n => n.Id));
        var inbox = await agent.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetInbox");
        Assert.Equal("m.smirnova", inbox.Single(c => c.Id == transferred).AssignedTo);
        Assert.DoesNotContain(inbox, c => c.Id == closed);
    }

    /// <summary>A visitor writes, the agent opens the conversation and answers, so it is theirs.</summary>
    private async Task<Guid> TakenConversationAsync()
    {
        var (session, visitor) = await nodes.VisitorAsync(server);
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "здравствуйте"));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);
        var reply = await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "добрый день"));
        Assert.Equal(2, reply.Message.Sequence);
        return session.ConversationId;
    }
}
