using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Reports;

/// <summary>
/// CSAT: a visitor rates a closed conversation once — a double click, a second tab or a retry store one rating — the
/// agents following it hear it, supervisors hear the bad ones, and the widget can ask again on the next visit.
/// </summary>
[Trait("Area", "Reports")]
public abstract class RatingTests(ServerFixture fixture) : IAsyncLifetime
{
    private readonly List<HubConnection> connections = [];

    private Uri Server => fixture.Server.BaseAddress;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_closed_conversation_is_rated_once_whatever_the_tabs_and_retries()
    {
        var agent = await AgentAsync("m.petrov");
        var (session, tab) = await VisitorAsync();
        var secondTab = await ConnectAsync(session);
        await tab.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте, вопрос о договоре"));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Добрый день! Отвечаю."));

        Assert.False((await tab.InvokeAsync<RatingState>("GetRatingState")).Asked);
        var early = await Assert.ThrowsAsync<HubException>(() => tab.InvokeAsync<RatingResult>("Rate", new RatingRequest(5, null)));
        Assert.Contains(ErrorCodes.NotClosed, early.Message, StringComparison.Ordinal);

        var asked = tab.Record<RatingState>(nameof(IVisitorClient.RatingAsked));
        await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, 0));
        Assert.Equal(new RatingState(true, null), await asked.WaitForAsync(_ => true));
        Assert.True((await tab.InvokeAsync<RatingState>("GetRatingState")).Asked);
        var nextVisit = await ConnectAsync(session);
        Assert.True((await nextVisit.InvokeAsync<RatingState>("GetRatingState")).Asked);

        var both = await Task.WhenAll(
            tab.InvokeAsync<RatingResult>("Rate", new RatingRequest(4, "  Спасибо, всё понятно  ")),
            secondTab.InvokeAsync<RatingResult>("Rate", new RatingRequest(2, null)));
        var retry = await tab.InvokeAsync<RatingResult>("Rate", new RatingRequest(1, "Передумал"));

        var first = Assert.Single(both, r => !r.Duplicate).Rating;
        Assert.All([.. both, retry], r => Assert.Equal(first, r.Rating));
        Assert.True(retry.Duplicate);
        Assert.Equal("m.petrov", first.AgentLogin);
        Assert.Contains(first.Score, new[] { 2, 4 });
        Assert.Equal(first.Score == 4 ? "Спасибо, всё понятно" : null, first.Comment);
        var state = await nextVisit.InvokeAsync<RatingState>("GetRatingState");
        Assert.False(state.Asked);
        Assert.Equal(first, state.Rating);
        Assert.Equal(first, (await agent.InvokeAsync<VisitorDetails>("GetVisitorDetails", session.ConversationId)).Rating);
    }

    [Fact]
    public async Task The_agents_following_hear_every_rating_and_the_supervisors_the_bad_ones()
    {
        var agent = await AgentAsync("m.petrov");
        var supervisor = await AgentAsync("s.orlov");
        var heardByAgent = agent.Record<ConversationRating>(nameof(IAgentClient.ConversationRated));
        var heardBySupervisor = supervisor.Record<ConversationRating>(nameof(IAgentClient.ConversationRated));
        var good = await ClosedConversationAsync(agent);
        var bad = await ClosedConversationAsync(agent);

        await good.Visitor.InvokeAsync<RatingResult>("Rate", new RatingRequest(5, "Отлично"));
        await bad.Visitor.InvokeAsync<RatingResult>("Rate", new RatingRequest(1, "Долго ждал ответа"));

        await heardByAgent.WaitForAsync(r => r.ConversationId == bad.Id);
        Assert.Equal([good.Id, bad.Id], heardByAgent.Items.Select(r => r.ConversationId));
        var alarm = await heardBySupervisor.WaitForAsync(r => r.ConversationId == bad.Id);
        Assert.Equal((1, "Долго ждал ответа"), (alarm.Score, alarm.Comment));
        Assert.DoesNotContain(heardBySupervisor.Items, r => r.ConversationId == good.Id);
    }

    [Fact]
    public async Task A_visitor_who_writes_again_after_the_close_is_not_asked_while_it_is_open_nor_after_a_rating()
    {
        var agent = await AgentAsync("m.petrov");
        var (id, visitor) = await ClosedConversationAsync(agent);
        Assert.True((await visitor.InvokeAsync<RatingState>("GetRatingState")).Asked);

        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "И ещё один вопрос"));

        Assert.Equal(new RatingState(false, null), await visitor.InvokeAsync<RatingState>("GetRatingState"));
        await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(id, 0));
        Assert.True((await visitor.InvokeAsync<RatingState>("GetRatingState")).Asked);

        var rated = await visitor.InvokeAsync<RatingResult>("Rate", new RatingRequest(5, null));
        var asked = visitor.Record<RatingState>(nameof(IVisitorClient.RatingAsked));
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Спасибо, ещё одно уточнение"));
        await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(id, 0));
        Assert.Equal(new RatingState(false, rated.Rating), await visitor.InvokeAsync<RatingState>("GetRatingState"));
        Assert.Empty(asked.Items);
    }

    [Theory]
    [InlineData(0, null, ErrorCodes.InvalidArgument, "score")]
    [InlineData(6, null, ErrorCodes.InvalidArgument, "score")]
    [InlineData(3, "long", ErrorCodes.MessageTooLong, "comment")]
    [InlineData(3, "Отлично \u202Eмоч", ErrorCodes.InvalidCharacters, "comment")]
    public async Task A_rating_out_of_range_too_long_or_with_hidden_characters_is_refused_with_its_field(int score, string? comment, string code, string field)
    {
        var (_, visitor) = await VisitorAsync();
        var error = await Assert.ThrowsAsync<HubException>(() =>
            visitor.InvokeAsync<RatingResult>("Rate", new RatingRequest(score, comment == "long" ? new string('о', 1001) : comment)));

        Assert.Equal([(field, code)], ErrorCodes.ParseFields(error.Message));
    }

    private async Task<(Guid Id, HubConnection Visitor)> ClosedConversationAsync(HubConnection agent)
    {
        var (session, visitor) = await VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Вопрос"));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Ответ"));
        await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, 0));
        return (session.ConversationId, visitor);
    }

    private async Task<HubConnection> AgentAsync(string login)
    {
        var agent = TestClients.AgentConnection(Server, await TestClients.SignInAgentAsync(Server, login));
        connections.Add(agent);
        await agent.StartAsync();
        return agent;
    }

    private async Task<(VisitorSession Session, HubConnection Visitor)> VisitorAsync()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        return (session, await ConnectAsync(session));
    }

    private async Task<HubConnection> ConnectAsync(VisitorSession session)
    {
        var visitor = TestClients.VisitorConnection(Server, session.Token);
        connections.Add(visitor);
        await visitor.StartAsync();
        return visitor;
    }
}

[Trait("Area", "Reports")]
public sealed class EmbeddedRatingTests(EmbeddedServerFixture fixture) : RatingTests(fixture), IClassFixture<EmbeddedServerFixture>;

[Trait("Area", "Reports")]
public sealed class RedisPostgresRatingTests(RedisPostgresServerFixture fixture) : RatingTests(fixture), IClassFixture<RedisPostgresServerFixture>;
