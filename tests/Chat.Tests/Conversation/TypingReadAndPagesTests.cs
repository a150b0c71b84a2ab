using System.Net.Http.Json;
using Chat.Contracts;
using Chat.Tests.Console;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Conversation;

public sealed class RedisPostgresConsoleFixture() : ServerFixture(Backend.RedisPostgres, ConsoleSettings.Overrides);

[Trait("Area", "Conversation")]
public sealed class EmbeddedTypingReadAndPagesTests(ConsoleServerFixture fixture) : TypingReadAndPagesTests(fixture), IClassFixture<ConsoleServerFixture>;

[Trait("Area", "Conversation")]
public sealed class RedisPostgresTypingReadAndPagesTests(RedisPostgresConsoleFixture fixture) : TypingReadAndPagesTests(fixture), IClassFixture<RedisPostgresConsoleFixture>;

/// <summary>Typing hints, read marks, the pages a visitor opened and the visitor's handoff state, over real SignalR connections.</summary>
public abstract class TypingReadAndPagesTests(ServerFixture fixture) : IAsyncLifetime
{
    private readonly Clients clients = new(fixture.Server.BaseAddress);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await clients.DisposeAsync();

    [Fact]
    public async Task Typing_reaches_the_other_side_and_an_agents_colleagues_but_not_the_typist()
    {
        var (session, visitor, _, _) = await clients.VisitorAsync("Вера");
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте"));
        var visitorSees = visitor.Record<TypingState>(nameof(IVisitorClient.TypingChanged));
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var (colleague, _) = await clients.AgentAsync("s.orlov");
        var agentSees = agent.Record<TypingState>(nameof(IAgentClient.TypingChanged));
        var colleagueSees = colleague.Record<TypingState>(nameof(IAgentClient.TypingChanged));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);
        await colleague.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);

        await visitor.InvokeAsync("Typing", true);
        var fromVisitor = await agentSees.WaitForAsync(t => t.Sender == SenderKind.Visitor);
        Assert.Equal(new TypingState(session.ConversationId, SenderKind.Visitor, "Вера", true), fromVisitor);
        await colleagueSees.WaitForAsync(t => t.Sender == SenderKind.Visitor && t.IsTyping);

        await agent.InvokeAsync("Typing", new TypingRequest(session.ConversationId, true));
        await agent.InvokeAsync("Typing", new TypingRequest(session.ConversationId, false));
        var shown = await visitorSees.WaitForAsync(t => !t.IsTyping);
        Assert.Equal((SenderKind.Agent, "Анна Иванова", null), (shown.Sender, shown.Name, shown.Login));
        Assert.Equal([true, false], visitorSees.Items.Select(t => t.IsTyping));
        Assert.Equal("cc.ivanova", (await colleagueSees.WaitForAsync(t => t.Sender == SenderKind.Agent && !t.IsTyping)).Login);
        Assert.DoesNotContain(agentSees.Items, t => t.Sender == SenderKind.Agent);
        Assert.DoesNotContain(visitorSees.Items, t => t.Sender == SenderKind.Visitor);
    }

    [Fact]
    public async Task Read_marks_are_clamped_never_go_back_are_pushed_to_both_sides_and_come_back_on_resume()
    {
        var (session, visitor, _, _) = await clients.VisitorAsync();
        var visitorMarks = visitor.Record<ReadMark>(nameof(IVisitorClient.ReadUpTo));
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Первый"));
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Второй"));
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var agentMarks = agent.Record<ReadMark>(nameof(IAgentClient.ReadUpTo));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);

        Assert.Equal(1, await agent.InvokeAsync<long>("MarkRead", new ReadRequest(session.ConversationId, 1)));
        Assert.Equal(new ReadMark(session.ConversationId, SenderKind.Agent, 1), await visitorMarks.WaitForAsync(m => m.Reader == SenderKind.Agent));
        Assert.Equal(2, await agent.InvokeAsync<long>("MarkRead", new ReadRequest(session.ConversationId, 99)));
        Assert.Equal(2, await agent.InvokeAsync<long>("MarkRead", new ReadRequest(session.ConversationId, 1)));
        await visitorMarks.WaitForAsync(m => m.Sequence == 2);

        var reply = await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Ответ"));
        Assert.Equal(3, await visitor.InvokeAsync<long>("MarkRead", reply.Message.Sequence));
        Assert.Equal(new ReadMark(session.ConversationId, SenderKind.Visitor, 3), await agentMarks.WaitForAsync(m => m.Reader == SenderKind.Visitor));

        var resumed = await visitor.InvokeAsync<ResumeResult>("Resume", 3L);
        Assert.Equal((3L, 2L), (resumed.ReadByVisitor, resumed.ReadByAgent));
        var opened = await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 3L);
        Assert.Equal((3L, 2L), (opened.ReadByVisitor, opened.ReadByAgent));
        Assert.Equal(2, agentMarks.Items.Count(m => m.Reader == SenderKind.Agent));
    }

    [Fact]
    public async Task Bad_read_marks_and_typing_are_refused_with_codes()
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();
        var (agent, _) = await clients.AgentAsync("cc.ivanova");

        Assert.Equal("invalid_argument", ErrorCodes.Parse((await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<long>("MarkRead", -1L))).Message));
        Assert.Equal("conversation_not_found", ErrorCodes.Parse((await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync<long>("MarkRead", new ReadRequest(Guid.NewGuid(), 1)))).Message));
        Assert.Equal("invalid_argument", ErrorCodes.Parse((await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync("Typing", new TypingRequest(Guid.Empty, true)))).Message));
    }

    [Fact]
    public async Task Pages_keep_origin_and_path_only_skip_reloads_keep_the_latest_and_reach_the_agent_live()
    {
        var (session, visitor, _, _) = await clients.VisitorAsync("Глеб");
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var live = agent.Record<PageVisit>(nameof(IAgentClient.VisitorPageViewed));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);

        await visitor.InvokeAsync("PageViewed", new PageView("https://user:secret@shop.example.com/prices?token=abc#top", "Цены\u0007 и\n тарифы"));
        var pushed = await live.WaitForAsync(_ => true);
        Assert.Equal(("https://shop.example.com/prices", "Цены и тарифы"), (pushed.Url, pushed.Title));
        await visitor.InvokeAsync("PageViewed", new PageView("https://shop.example.com/prices?again=1", "Цены и тарифы"));
        for (var i = 0; i < 25; i++)
        {
            await visitor.InvokeAsync("PageViewed", new PageView($"https://shop.example.com/p/{i}", null));
        }

        var details = await agent.InvokeAsync<VisitorDetails>("GetVisitorDetails", session.ConversationId);
        Assert.Equal(("Глеб", "ru", true), (details.VisitorName, details.Language, details.Online));
        Assert.Equal(Enumerable.Range(5, 20).Reverse().Select(i => $"https://shop.example.com/p/{i}"), details.Pages.Select(p => p.Url));

        foreach (var bad in new[] { "javascript:alert(1)", "/relative", "", new string('a', 2001) })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync("PageViewed", new PageView(bad, "x")));
            Assert.Equal("invalid_argument", ErrorCodes.Parse(refused.Message));
        }
    }

    [Theory]
    [InlineData("ru", "Посетитель", "ru")]
    [InlineData("en-GB", "Visitor", "en")]
    [InlineData(null, "Посетитель", "ru")]
    public async Task A_visitor_who_gave_no_name_is_named_in_their_language(string? language, string name, string stored)
    {
        using var http = TestClients.Http(fixture.Server.BaseAddress);
        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(null, language, null), TestClients.Json);
        var session = (await response.Content.ReadFromJsonAsync<VisitorSession>(TestClients.Json))!;
        var (agent, _) = await clients.AgentAsync("cc.ivanova");

        var details = await agent.InvokeAsync<VisitorDetails>("GetVisitorDetails", session.ConversationId);
        Assert.Equal((name, stored), (details.VisitorName, details.Language));
    }

    [Fact]
    public async Task A_visitor_gets_back_their_identification_and_where_it_stands()
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();
        Assert.Null(await visitor.InvokeAsync<HandoffReceipt?>("GetHandoffState"));

        var receipt = await visitor.IdentifyAsync("10001", phone: "8 (999) 000-00-00");
        var (manager, cards) = await clients.AgentAsync("m.petrov");
        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        await manager.InvokeAsync<HandoffCard>("AcknowledgeHandoff", card.Id);
        await manager.InvokeAsync<HandoffCard>("AcceptHandoff", card.Id);

        var state = await visitor.InvokeAsync<HandoffReceipt?>("GetHandoffState");
        Assert.NotNull(state);
        Assert.Equal((receipt.HandoffId, HandoffStatus.Accepted, receipt.Message, true), (state.HandoffId, state.Status, state.Message, state.Duplicate));
        Assert.Equal(receipt.ContactBy, state.ContactBy);

        Assert.Null(await visitor.InvokeAsync<HandoffReceipt?>("GetCallBackState"));
        var (from, to) = HandoffCalls.NextWorkingHour(fixture.Server.Services);
        var ordered = await visitor.InvokeAsync<HandoffReceipt>("RequestCallBack", new CallBackRequest(Guid.NewGuid(), "8 (999) 000-00-00", from, to, null));
        var callBack = await visitor.InvokeAsync<HandoffReceipt?>("GetCallBackState");
        Assert.NotNull(callBack);
        Assert.Equal((ordered.HandoffId, ordered.Message, true), (callBack.HandoffId, callBack.Message, callBack.Duplicate));
        Assert.Equal([ContactMethod.Phone], callBack.ContactBy);
        Assert.Equal(receipt.HandoffId, (await visitor.InvokeAsync<HandoffReceipt?>("GetHandoffState"))!.HandoffId);
    }
}
