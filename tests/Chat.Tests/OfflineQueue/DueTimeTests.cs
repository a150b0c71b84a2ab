using Chat.Contracts;
using Chat.Server.OfflineQueue;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.OfflineQueue;

/// <summary>Due times (R7) and the overdue escalation follow the consultation policy, on a fake clock (Moscow is UTC+3).</summary>
[Trait("Area", "OfflineQueue")]
public sealed class DueTimeTests
{
    private static async Task<(ChatServer Server, FakeTimeProvider Clock)> StartAtAsync(DateTimeOffset now)
    {
        var clock = new FakeTimeProvider(now);
        var server = await ChatServer.StartAsync(
            Backend.Embedded,
            FastTimings.Settings(),
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        return (server, clock);
    }

    private static async Task<HubConnection> AgentAsync(ChatServer server, string login)
    {
        var connection = TestClients.AgentConnection(server.BaseAddress, await TestClients.SignInAgentAsync(server.BaseAddress, login));
        await connection.StartAsync();
        return connection;
    }

    private static async Task<OfflineMessageResult> LeaveOfflineMessageAsync(ChatServer server)
    {
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var visitor = TestClients.VisitorConnection(server.BaseAddress, session.Token);
        await visitor.StartAsync();
        return await visitor.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", new OfflineMessage(Guid.NewGuid(), "Сколько стоит тариф?", "olga@example.com", null));
    }

    private static async Task<OfflineItem> QueueHandoffAsync(ChatServer server, string manager)
    {
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OfflineItems>().EnqueueAsync(
            new NewOfflineItem("handoff", QueueTargetKind.Staff, manager, session.ConversationId, "{}"), CancellationToken.None);
    }

    [Fact]
    public async Task An_offline_message_on_Friday_evening_is_due_at_the_close_on_Monday_and_the_visitor_is_told_so()
    {
        var (server, _) = await StartAtAsync(new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.FromHours(3)));
        await using var _ = server;
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var visitor = TestClients.VisitorConnection(server.BaseAddress, session.Token);
        await visitor.StartAsync();
        var form = new OfflineMessage(Guid.NewGuid(), "Сколько стоит тариф?", "olga@example.com", "+7 912 345-67-89");

        var result = await visitor.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", form);
        var retry = await visitor.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", form);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.FromHours(3)), result.AnswerBy);
        Assert.Contains("30", result.Notice, StringComparison.Ordinal);
        Assert.Equal(result.RequestId, retry.RequestId);
        var stored = await visitor.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.Collection(
            stored.Messages,
            m => Assert.Equal((SenderKind.Visitor, "Сколько стоит тариф?"), (m.Sender, m.Text)),
            m => Assert.Equal((SenderKind.System, result.Notice), (m.Sender, m.Text)));
    }

    [Fact]
    public async Task An_offline_message_without_a_contact_is_refused_and_stores_nothing()
    {
        var (server, _) = await StartAtAsync(new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.FromHours(3)));
        await using var _ = server;
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var visitor = TestClients.VisitorConnection(server.BaseAddress, session.Token);
        await visitor.StartAsync();

        var missing = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", new OfflineMessage(Guid.NewGuid(), "Текст", null, " ")));
        var malformed = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<OfflineMessageResult>("LeaveOfflineMessage", new OfflineMessage(Guid.NewGuid(), "Текст", null, "12")));

        Assert.Equal(ErrorCodes.ContactRequired, ErrorCodes.Parse(missing.Message));
        Assert.Equal(ErrorCodes.InvalidArgument, ErrorCodes.Parse(malformed.Message));
        Assert.Empty((await visitor.InvokeAsync<ResumeResult>("Resume", 0L)).Messages);
    }

    [Fact]
    public async Task A_request_on_a_holiday_is_due_at_the_close_of_the_next_working_day()
    {
        // Tuesday 23 February 2027 is a holiday in the default policy.
        var (server, _) = await StartAtAsync(new DateTimeOffset(2027, 2, 23, 12, 0, 0, TimeSpan.FromHours(3)));
        await using var _ = server;

        var result = await LeaveOfflineMessageAsync(server);

        Assert.Equal(new DateTimeOffset(2027, 2, 24, 19, 0, 0, TimeSpan.FromHours(3)), result.AnswerBy);
    }

    [Fact]
    public async Task A_handoff_follows_the_managers_shift_and_an_overdue_one_is_raised_to_the_department_pool()
    {
        var (server, clock) = await StartAtAsync(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(3)));
        await using var _ = server;
        var forSmirnova = await QueueHandoffAsync(server, "m.smirnova");
        var forPetrov = await QueueHandoffAsync(server, "m.petrov");
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 19, 0, 0, TimeSpan.FromHours(3)), forSmirnova.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.FromHours(3)), forPetrov.DueAt);
        await using (var smirnova = await AgentAsync(server, "m.smirnova"))
        {
            var due = Assert.Single(await smirnova.InvokeAsync<IReadOnlyList<DueItem>>("GetDueItems"));
            Assert.Equal((forSmirnova.Id, false), (due.Id, due.Overdue));
        }

        clock.Advance(TimeSpan.FromHours(9) + TimeSpan.FromMinutes(31));

        var raised = await WaitForAsync(server, forSmirnova.Id, i => i.EscalatedAt != null);
        Assert.Equal((QueueTargetKind.Pool, "current-clients"), (raised.TargetKind, raised.Target));
        var raisedToSales = await WaitForAsync(server, forPetrov.Id, i => i.EscalatedAt != null);
        Assert.Equal((QueueTargetKind.Pool, "sales"), (raisedToSales.TargetKind, raisedToSales.Target));
        await using var orlov = await AgentAsync(server, "s.orlov");
        var overdue = Assert.Single(await orlov.InvokeAsync<IReadOnlyList<DueItem>>("GetDueItems"));
        Assert.Equal((forSmirnova.Id, true), (overdue.Id, overdue.Overdue));

        var notice = await orlov.InvokeAsync<SendResult>("SendLongerWorkNotice", forSmirnova.Id);

        Assert.Equal(SenderKind.System, notice.Message.Sender);
        var promised = await WaitForAsync(server, forSmirnova.Id, i => i.NoticeSentAt != null);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 19, 0, 0, TimeSpan.FromHours(3)), promised.DueAt);
        Assert.Empty(await orlov.InvokeAsync<IReadOnlyList<DueItem>>("GetDueItems"));
    }

    private static async Task<OfflineItem> WaitForAsync(ChatServer server, Guid itemId, Func<OfflineItem, bool> condition)
    {
        OfflineItem? item = null;
        await LocalProcess.WaitUntilAsync(async () =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            item = await scope.ServiceProvider.GetRequiredService<ChatDbContext>().Set<OfflineItem>().AsNoTracking().SingleAsync(i => i.Id == itemId);
            return condition(item);
        }, "the queued item");
        return item!;
    }
}
