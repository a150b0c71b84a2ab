using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Email;
using Chat.Server.Handoff;
using Chat.Server.OfflineQueue;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Chat.Tests.Email;

/// <summary>
/// Incoming e-mail end to end on each backend: mails sent through a real OpenSMTPD into a real Dovecot are read by the server
/// over IMAP and become conversations of channel <c>email</c>, once each.
/// </summary>
public abstract class EmailChannelTests(Backend backend)
{
    [Fact]
    public async Task A_known_clients_mail_to_the_shared_box_is_one_email_conversation_with_a_handoff_card_for_their_manager()
    {
        var (mail, box, server) = await EmailKit.StartAsync(backend);
        await using var _ = server;
        await using var clients = new Clients(server.BaseAddress);
        var (agent, cards) = await clients.AgentAsync("m.petrov");
        var lines = agent.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));

        await mail.SendAsync(box, EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, "Продление договора", "Добрый день! Хотим продлить договор."));

        var card = await cards.WaitForAsync(c => c.AccountId == "10001", TimeSpan.FromSeconds(60));
        Assert.True(card.Verified);
        Assert.Equal("m.petrov", card.AssignedTo);
        Assert.Equal(EmailKit.RomashkaAddress, card.Email);
        Assert.Equal(["Продление договора\n\nДобрый день! Хотим продлить договор."], card.Transcript.Where(m => m.Sender == SenderKind.Visitor).Select(m => m.Text));
        var conversation = await server.QueryAsync(db => db.Conversations.AsNoTracking().SingleAsync(c => c.Id == card.ConversationId));
        Assert.Equal(("email", "Анна Ромашкина"), (conversation.Channel, conversation.VisitorName));
        Assert.Equal(ConversationChannels.Email, (await lines.WaitForAsync(l => l.Id == card.ConversationId)).Channel);
        Assert.Single(await server.EmailMessagesAsync());
        var due = await server.QueryAsync(db => db.Set<OfflineItem>().AsNoTracking().SingleAsync(i => i.ConversationId == card.ConversationId));
        Assert.Equal((Chat.Server.OfflineQueue.OfflineItemKinds.Email, QueueTargetKind.Staff, "m.petrov"), (due.Kind, due.TargetKind, due.Target));
        Assert.Single(await server.QueryAsync(db => db.Set<HandoffRecord>().AsNoTracking().Where(h => h.ConversationId == card.ConversationId).ToListAsync()));
    }

    [Fact]
    public async Task A_reply_lands_in_the_same_conversation_and_the_same_mail_delivered_twice_is_one_message()
    {
        var (mail, box, server) = await EmailKit.StartAsync(backend);
        await using var _ = server;
        var first = EmailKit.Mail("Olga", "olga@example.com", box, "Тарифы", "Сколько стоит тариф Бизнес?", messageId: "first-olga@example.com");

        // SMTP delivers in any order: each mail is in the box before the next is sent.
        await mail.SendAsync(box, first);
        await mail.WaitForCountAsync(box, 1);
        await mail.SendAsync(box, first);
        await mail.WaitForCountAsync(box, 2);
        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "Re: Тарифы", "И ещё: есть ли скидка?\n\n> Сколько стоит тариф Бизнес?",
            inReplyTo: "first-olga@example.com"));

        await server.WaitForReadAsync(3);
        var messages = await server.EmailMessagesAsync();
        Assert.Equal(["Тарифы\n\nСколько стоит тариф Бизнес?", "И ещё: есть ли скидка?"], messages.Select(m => m.Text));
        Assert.Single(messages.Select(m => m.ConversationId).Distinct());
        var handoff = await server.QueryAsync(db => db.Set<HandoffRecord>().AsNoTracking().SingleAsync(h => h.ConversationId == messages[0].ConversationId));
        Assert.False(handoff.Verified);
        Assert.Equal([(messages[0].ConversationId, ConversationChannels.Email)], (await server.ListAsync(ConversationChannels.Email)).Items.Select(c => (c.Id, c.Channel)));
        Assert.Empty((await server.ListAsync(ConversationChannels.Chat)).Items);
        Assert.Empty((await server.ListAsync(ConversationChannels.Offline)).Items);
        Assert.Equal("call-centre", handoff.PoolDepartment);
    }

    [Fact]
    public async Task A_mail_to_a_managers_own_box_is_due_to_that_manager_without_a_handoff()
    {
        var (mail, box, server) = await EmailKit.StartAsync(backend, key: "m-petrov", staffLogin: "m.petrov");
        await using var _ = server;

        await mail.SendAsync(box, EmailKit.Mail("Анна", EmailKit.RomashkaAddress, box, "Вопрос", "Позвоните мне, пожалуйста."));

        await server.WaitForReadAsync(1, key: "m-petrov");
        var message = Assert.Single(await server.EmailMessagesAsync());
        var due = await server.QueryAsync(db => db.Set<OfflineItem>().AsNoTracking().SingleAsync(i => i.ConversationId == message.ConversationId));
        Assert.Equal((Chat.Server.OfflineQueue.OfflineItemKinds.Email, QueueTargetKind.Staff, "m.petrov"), (due.Kind, due.TargetKind, due.Target));
        Assert.False(await server.QueryAsync(db => db.Set<HandoffRecord>().AnyAsync()));
    }

    [Fact]
    public async Task A_restart_reading_the_mailbox_again_stores_each_of_200_mails_once()
    {
        const int Count = 200;
        var mail = await MailServer.Shared;
        var box = await mail.CreateMailboxAsync("info");
        for (var i = 0; i < Count; i++)
        {
            await mail.AppendAsync(box, System.Text.Encoding.UTF8.GetBytes(
                $"From: Client {i} <client{i}@example.com>\r\nTo: {box.Address}\r\nSubject: Mail {i}\r\nMessage-ID: <restart-{i}@example.com>\r\n\r\nText {i}\r\n"));
        }

        var data = Directory.CreateTempSubdirectory("chat-email-restart-");
        var settings = EmailKit.Settings(mail, box);
        settings["Chat:Storage:DataDirectory"] = data.FullName;
        var server = await ChatServer.StartAsync(backend, settings);
        await server.WaitForReadAsync(Count / 4, seconds: 120);
        settings["ConnectionStrings:Postgres"] = server.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
        await using (server)
        {
            // As after a crash between storing and recording: the reader stops, its progress is lost, everything is read again.
            await server.Services.GetServices<IHostedService>().OfType<MailboxReader>().Single().StopAsync(CancellationToken.None);
            await server.QueryAsync(db => db.Set<MailboxStateRecord>().ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUid, 0)));
        }

        var restarted = await ChatServer.StartAsync(backend, settings);
        await using (restarted)
        {
            await restarted.WaitForReadAsync(Count, seconds: 180);

            var messages = await restarted.EmailMessagesAsync();
            Assert.Equal(Count, messages.Count);
            Assert.Equal(Count, messages.Select(m => m.ConversationId).Distinct().Count());
            Assert.Equal(Count, await restarted.QueryAsync(db => db.Set<OfflineItem>().CountAsync(i => i.Kind == Chat.Server.OfflineQueue.OfflineItemKinds.Email)));
            Assert.Equal(Count, await restarted.QueryAsync(db => db.Set<HandoffRecord>().CountAsync()));
        }

        data.Delete(recursive: true);
    }
}

[Trait("Area", "Email")]
public sealed class EmbeddedEmailChannelTests() : EmailChannelTests(Backend.Embedded);

[Trait("Area", "Email")]
public sealed class RedisPostgresEmailChannelTests() : EmailChannelTests(Backend.RedisPostgres);
