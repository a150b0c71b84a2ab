using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Handoff;

/// <summary>Identification and the handoff to the responsible consultant, over real SignalR connections, on each backend.</summary>
public abstract class HandoffEndToEndTests(ServerFixture fixture) : IAsyncLifetime
{
    private Clients clients = null!;

    private Uri Server => fixture.Server.BaseAddress;

    private IServiceProvider Services => fixture.Server.Services;

    public Task InitializeAsync()
    {
        clients = new Clients(Server);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await clients.DisposeAsync();

    [Fact]
    public async Task A_paid_client_identified_by_id_reaches_the_personal_manager_live_and_is_told_the_way_they_gave()
    {
        var (manager, cards) = await clients.AgentAsync("m.petrov");
        var (session, visitor, updates, _) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Хочу продлить договор"));

        var receipt = await visitor.IdentifyAsync("10001", phone: "8 (916) 123-45-67", topic: "contract");

        Assert.Equal([ContactMethod.Phone], receipt.ContactBy);
        Assert.Equal(HandoffCalls.Text(Services, t => t.HandoffByPhone), receipt.Message);
        Assert.DoesNotContain("Бизнес", receipt.Message, StringComparison.Ordinal);
        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        Assert.Equal(session.ConversationId, card.ConversationId);
        Assert.True(card.Verified);
        Assert.Equal(("10001", "Ромашка", "ООО «Ромашка»", "business", "m.petrov"), (card.AccountId, card.AccountName, card.Company, card.Tariff, card.AssignedTo));
        Assert.Equal("+79161234567", card.Phone);
        Assert.True(card.ContactOnFile);
        Assert.False(card.ContactWarning);
        Assert.Equal("contract", card.Topic);
        Assert.Equal(["Хочу продлить договор"], card.Transcript.Select(m => m.Text));

        await manager.InvokeAsync<HandoffCard>("AcknowledgeHandoff", card.Id);
        var delivered = await updates.WaitForAsync(u => u.Status == HandoffStatus.Delivered);
        Assert.Equal("Ваш менеджер получил ваш запрос.", delivered.Message);
        await manager.InvokeAsync<HandoffCard>("MarkHandoffRead", card.Id);
        await manager.InvokeAsync<HandoffCard>("AcceptHandoff", card.Id);
        var contacted = await manager.InvokeAsync<HandoffCard>("RecordContact", new ContactRecord(card.Id, ContactMethod.Phone));
        Assert.Equal((HandoffStatus.Contacted, ContactMethod.Phone), (contacted.Status, contacted.ContactedBy));
        await updates.WaitForAsync(u => u.Status == HandoffStatus.Contacted);
        Assert.Equal([HandoffStatus.Delivered, HandoffStatus.Read, HandoffStatus.Accepted, HandoffStatus.Contacted], updates.Items.Select(u => u.Status));
    }

    [Fact]
    public async Task A_start_client_reaches_the_call_centre_pool_and_is_told_email()
    {
        var (_, cards) = await clients.AgentAsync("cc.ivanova");
        var (_, visitor, _, messages) = await clients.VisitorAsync();

        var receipt = await visitor.IdentifyAsync("10003", email: "Sidorov@Mail.example");

        Assert.Equal([ContactMethod.Email], receipt.ContactBy);
        Assert.Equal(HandoffCalls.Text(Services, t => t.HandoffByEmail), receipt.Message);
        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        Assert.Equal(("call-centre", null as string, "start"), (card.Pool, card.AssignedTo, card.Tariff));
        Assert.Equal("sidorov@mail.example", card.Email);
        Assert.True(card.ContactOnFile);
        var told = await messages.WaitForAsync(m => m.Sender == SenderKind.System);
        Assert.Equal(receipt.Message, told.Text);
    }

    [Fact]
    public async Task A_start_client_with_a_dedicated_manager_reaches_that_manager()
    {
        var (_, cards) = await clients.AgentAsync("m.smirnova");
        var (_, visitor, _, _) = await clients.VisitorAsync();

        var receipt = await visitor.IdentifyAsync("10004", email: "office@startplus.example");

        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        Assert.Equal(("m.smirnova", null as string), (card.AssignedTo, card.Pool));
        Assert.Equal([ContactMethod.Email], receipt.ContactBy);
    }

    [Theory]
    [InlineData("  рОмАшКа ", "10001")]
    [InlineData("VECTOR   labs", "10002")]
    [InlineData("ип  сидоров", "10003")]
    [InlineData("Сидоров", "10003")]
    [InlineData("ООО «Ромашка»", "10001")]
    [InlineData("Ромашка, ООО", "10001")]
    [InlineData("№ 10001", "10001")]
    [InlineData("#10002", "10002")]
    [InlineData("ID: 10002", "10002")]
    public async Task Identification_by_name_or_id_ignores_case_spaces_quotes_legal_forms_and_number_signs(string given, string accountId)
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();
        var (supervisor, _) = await clients.AgentAsync("s.orlov");

        var receipt = await visitor.IdentifyAsync(given, email: "someone@example.com");

        var card = await supervisor.InvokeAsync<HandoffCard>("GetHandoff", receipt.HandoffId);
        Assert.Equal(accountId, card.AccountId);
        Assert.True(card.Verified);
        Assert.True(card.ContactWarning);
    }

    [Fact]
    public async Task An_unknown_account_lands_in_the_call_centre_queue_unverified_and_the_visitor_gets_the_same_kind_of_confirmation()
    {
        var (_, cards) = await clients.AgentAsync("cc.ivanova");
        var (_, visitor, _, _) = await clients.VisitorAsync();

        var unknown = await visitor.IdentifyAsync("Никому не известная компания", phone: "+7 916 000-00-01", email: "who@example.com");
        var (_, paidVisitor, _, _) = await clients.VisitorAsync();
        var known = await paidVisitor.IdentifyAsync("10002", phone: "+7 916 000-00-01", email: "who@example.com");

        Assert.Equal(known.ContactBy, unknown.ContactBy);
        Assert.Equal(known.Message, unknown.Message);
        Assert.Equal(HandoffStatus.Relayed, unknown.Status);
        var card = await cards.WaitForAsync(c => c.Id == unknown.HandoffId);
        Assert.False(card.Verified);
        Assert.True(card.ContactWarning);
        Assert.Equal(("call-centre", "Никому не известная компания"), (card.Pool, card.AccountGiven));
        Assert.Null(card.Tariff);
    }

    [Fact]
    public async Task A_client_whose_manager_left_goes_to_that_managers_department_pool()
    {
        var (_, cards) = await clients.AgentAsync("m.petrov");
        var (_, visitor, _, _) = await clients.VisitorAsync();

        var receipt = await visitor.IdentifyAsync("10005", phone: "+7 903 111-22-33");

        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        Assert.Equal(("sales", null as string), (card.Pool, card.AssignedTo));
    }

    [Fact]
    public async Task The_same_form_submitted_twice_creates_one_handoff()
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();
        var (supervisor, _) = await clients.AgentAsync("s.orlov");
        var requestId = Guid.NewGuid();

        var first = await visitor.IdentifyAsync("10002", email: "it@vector.example", requestId: requestId);
        var retry = await visitor.IdentifyAsync("10002", email: "it@vector.example", requestId: requestId);
        var resent = await visitor.IdentifyAsync("10002", email: "it@vector.example");

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.True(resent.Duplicate);
        Assert.Equal(first.HandoffId, retry.HandoffId);
        Assert.Equal(first.HandoffId, resent.HandoffId);
        var all = await supervisor.InvokeAsync<IReadOnlyList<HandoffCard>>("GetHandoffs");
        var card = Assert.Single(all, c => c.ConversationId == all.Single(h => h.Id == first.HandoffId).ConversationId);
        Assert.Equal(first.HandoffId, card.Id);
    }

    [Fact]
    public async Task A_call_back_is_refused_for_start_with_the_channels_it_has_and_accepted_for_a_paid_tariff()
    {
        var (from, to) = HandoffCalls.NextWorkingHour(Services);
        var (_, startVisitor, _, _) = await clients.VisitorAsync();
        await startVisitor.IdentifyAsync("10003", email: "sidorov@mail.example");

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            startVisitor.InvokeAsync<HandoffReceipt>("RequestCallBack", new CallBackRequest(Guid.NewGuid(), "+7 916 222-33-44", from, to, null)));
        Assert.Equal(ErrorCodes.CallBackNotAllowed, ErrorCodes.Parse(refused.Message));
        Assert.Contains("чат, электронная почта", refused.Message, StringComparison.Ordinal);

        var (_, cards) = await clients.AgentAsync("m.petrov");
        var (_, paidVisitor, _, _) = await clients.VisitorAsync();
        await paidVisitor.IdentifyAsync("10001", email: "info@romashka.example");
        var accepted = await paidVisitor.InvokeAsync<HandoffReceipt>("RequestCallBack", new CallBackRequest(Guid.NewGuid(), "+7 916 222-33-44", from, to, "prices"));

        Assert.Equal([ContactMethod.Phone], accepted.ContactBy);
        var card = await cards.WaitForAsync(c => c.Id == accepted.HandoffId);
        Assert.Equal((HandoffKind.CallBack, "+79162223344", "m.petrov"), (card.Kind, card.Phone, card.AssignedTo));
        Assert.Equal((from, to), (card.CallBackFrom!.Value, card.CallBackTo!.Value));
    }

    [Fact]
    public async Task A_call_back_outside_the_managers_hours_is_refused_with_the_hours()
    {
        var (from, _) = HandoffCalls.NextWorkingHour(Services);
        var (_, visitor, _, _) = await clients.VisitorAsync();
        await visitor.IdentifyAsync("10001", email: "info@romashka.example");

        var late = await Assert.ThrowsAsync<HubException>(() =>
            visitor.InvokeAsync<HandoffReceipt>("RequestCallBack", new CallBackRequest(Guid.NewGuid(), "+7 916 222-33-44", from.AddHours(8), from.AddHours(9), null)));

        Assert.Equal(ErrorCodes.InvalidWindow, ErrorCodes.Parse(late.Message));
        Assert.Contains("09:00", late.Message, StringComparison.Ordinal);
        Assert.Contains("18:00", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_cannot_see_another_managers_handoff_and_a_supervisor_can()
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();
        var receipt = await visitor.IdentifyAsync("10001", phone: "+7 916 123-45-67");
        var (other, _) = await clients.AgentAsync("m.smirnova");
        var (supervisor, _) = await clients.AgentAsync("s.orlov");

        var seen = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<HandoffCard>("GetHandoff", receipt.HandoffId));
        var moved = await Assert.ThrowsAsync<HubException>(() => other.InvokeAsync<HandoffCard>("AcceptHandoff", receipt.HandoffId));
        var listed = await other.InvokeAsync<IReadOnlyList<HandoffCard>>("GetHandoffs");

        Assert.Equal(ErrorCodes.Forbidden, ErrorCodes.Parse(seen.Message));
        Assert.Equal(ErrorCodes.Forbidden, ErrorCodes.Parse(moved.Message));
        Assert.DoesNotContain(listed, c => c.Id == receipt.HandoffId);
        Assert.Equal("m.petrov", (await supervisor.InvokeAsync<HandoffCard>("GetHandoff", receipt.HandoffId)).AssignedTo);
    }

    [Fact]
    public async Task A_call_centre_specialist_passes_a_conversation_to_the_personal_manager_in_one_call()
    {
        var (_, cards) = await clients.AgentAsync("m.smirnova");
        var (specialist, _) = await clients.AgentAsync("cc.ivanova");
        var (session, visitor, updates, messages) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Мы из Vector Labs, нужен наш менеджер"));

        var passed = await specialist.InvokeAsync<HandoffCard>("HandOffConversation",
            new AgentHandoffRequest(Guid.NewGuid(), session.ConversationId, "Vector Labs", "+7 495 765-43-21", null, null));

        Assert.Equal((HandoffKind.AgentInitiated, "cc.ivanova", "m.smirnova"), (passed.Kind, passed.HandedOffBy, passed.AssignedTo));
        var card = await cards.WaitForAsync(c => c.Id == passed.Id);
        Assert.Equal(["Мы из Vector Labs, нужен наш менеджер"], card.Transcript.Select(m => m.Text));
        Assert.True(card.ContactOnFile);
        await messages.WaitForAsync(m => m.Sender == SenderKind.System);
        await (await clients.AgentAsync("m.smirnova")).Hub.InvokeAsync<HandoffCard>("MarkHandoffRead", card.Id);
        Assert.Equal(HandoffStatus.Read, (await updates.WaitForAsync(u => u.HandoffId == card.Id)).Status);
    }

    [Fact]
    public async Task A_manager_who_was_offline_gets_the_card_on_sign_in_and_nothing_is_lost_when_the_server_restarts_in_between()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("chat-restart-").FullName;
        var settings = new Dictionary<string, string?>(HandoffSettings.Overrides) { ["Chat:Storage:DataDirectory"] = dataDirectory };
        try
        {
            Guid handoffId;
            await using (var first = await ChatServer.StartAsync(fixture.Backend, settings))
            {
                if (fixture.Backend == Backend.RedisPostgres)
                {
                    settings["ConnectionStrings:Postgres"] = first.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
                }

                await using var before = new Clients(first.BaseAddress);
                var (_, visitor, _, _) = await before.VisitorAsync();
                handoffId = (await visitor.IdentifyAsync("10002", phone: "+7 495 765-43-21")).HandoffId;
            }

            await using var second = await ChatServer.StartAsync(fixture.Backend, settings);
            await using var after = new Clients(second.BaseAddress);
            var (manager, cards) = await after.AgentAsync("m.smirnova");

            var card = await cards.WaitForAsync(c => c.Id == handoffId);
            Assert.Equal((HandoffStatus.Relayed, "10002", true), (card.Status, card.AccountId, card.ContactOnFile));
            Assert.Equal(HandoffStatus.Delivered, (await manager.InvokeAsync<HandoffCard>("AcknowledgeHandoff", handoffId)).Status);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}

[Trait("Area", "Handoff")]
public sealed class EmbeddedHandoffTests(EmbeddedHandoffFixture fixture)
    : HandoffEndToEndTests(fixture), IClassFixture<EmbeddedHandoffFixture>;

[Trait("Area", "Handoff")]
public sealed class RedisPostgresHandoffTests(RedisPostgresHandoffFixture fixture)
    : HandoffEndToEndTests(fixture), IClassFixture<RedisPostgresHandoffFixture>;
