using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Conversation;

/// <summary>A transfer and a close reach the visitor as stored notices in the policy's words, over real SignalR connections.</summary>
[Trait("Area", "Conversation")]
public sealed class VisitorNoticeTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>, IAsyncLifetime
{
    private readonly Clients clients = new(fixture.Server.BaseAddress);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await clients.DisposeAsync();

    [Fact]
    public async Task The_visitor_is_told_of_each_transfer_and_of_the_close_and_the_notices_come_back_on_resume()
    {
        var (session, visitor, _, messages) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Вопрос по договору"));
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var (colleague, _) = await clients.AgentAsync("m.smirnova");

        await agent.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(session.ConversationId, "m.smirnova", null));
        var toColleague = await messages.WaitForAsync(m => m.Sequence == 2);
        await colleague.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(session.ConversationId, null, "call-centre"));
        var toDepartment = await messages.WaitForAsync(m => m.Sequence == 3);
        var closed = await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, null));
        var closing = await messages.WaitForAsync(m => m.Sequence == 4);

        Assert.Equal((SenderKind.System, "Ваш вопрос передан специалисту: Мария Смирнова."), (toColleague.Sender, toColleague.Text));
        Assert.Equal((SenderKind.System, "Ваш вопрос передан в подразделение «Колл-центр»."), (toDepartment.Sender, toDepartment.Text));
        Assert.Equal(SenderKind.System, closing.Sender);
        Assert.StartsWith("Диалог завершён.", closing.Text, StringComparison.Ordinal);
        Assert.Equal((ConversationStatus.Closed, 4L), (closed.Conversation.Status, closed.Conversation.LastSequence));

        var resumed = await visitor.InvokeAsync<ResumeResult>("Resume", 1L);
        Assert.Equal([toColleague.Text, toDepartment.Text, closing.Text], resumed.Messages.Select(m => m.Text));
    }
}
