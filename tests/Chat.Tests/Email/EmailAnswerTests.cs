using Chat.Contracts;
using Chat.Server.Email;
using Chat.Server.Storage;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Chat.Tests.Email;

/// <summary>
/// Answers by e-mail on each backend: a manager's answer over the agent hub goes out through a real OpenSMTPD into the
/// client's real Dovecot mailbox, once, threaded under the client's mail — while SMTP is cut it waits and is tried again,
/// and a restarted server sends what the stopped one could not.
/// </summary>
public abstract class EmailAnswerTests(Backend backend)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_managers_answer_reaches_the_clients_mailbox_once_threaded_and_the_clients_reply_joins_the_conversation()
    {
        var (mail, box, server) = await EmailKit.StartAsync(backend);
        await using var _ = server;
        await using var clients = new Clients(server.BaseAddress);
        var (agent, cards) = await clients.AgentAsync("m.petrov");
        var states = agent.Record<EmailState>(nameof(IAgentClient.EmailStateChanged));
        var client = await mail.MailboxOfAsync(EmailKit.RomashkaAddress);
        var asked = $"{Guid.NewGuid():N}@romashka.example";
        await mail.SendAsync(box, EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, "Продление договора", "Добрый день! Хотим продлить договор.", messageId: asked));
        var card = await cards.WaitForAsync(c => c.AccountId == "10001", Wait);

        var answer = await AnswerAsync(agent, card.ConversationId, "Здравствуйте! Договор продлим с первого числа.");

        await states.WaitForAsync(s => s.MessageId == answer.Id && s.Status == EmailSendState.Sent, Wait);
        var reply = await SingleReplyAsync(mail, client, asked);
        Assert.Equal([box.Address], reply.From.Mailboxes.Select(m => m.Address));
        Assert.Equal("Re: Продление договора", reply.Subject);
        Assert.Equal(asked, reply.InReplyTo);
        Assert.Contains(asked, reply.References);
        Assert.Equal("Здравствуйте! Договор продлим с первого числа.", reply.TextBody?.Trim());
        var thread = await agent.InvokeAsync<EmailThread>("GetEmailThread", card.ConversationId);
        Assert.Equal("Продление договора", thread.Subject);
        Assert.Equal([new EmailState(card.ConversationId, answer.Id, EmailSendState.Sent)], thread.States);

        await mail.SendAsync(box, EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, "Re: Продление договора", "Спасибо, ждём!", inReplyTo: reply.MessageId));

        await server.WaitForReadAsync(2);
        await using (var copy = new MemoryStream())
        {
            // The answer itself comes back into the shared box (a copy): it is the box's own mail, not a client's.
            await reply.WriteToAsync(copy);
            await mail.AppendAsync(box, copy.ToArray());
        }

        await server.WaitForReadAsync(3);
        var messages = await server.EmailMessagesAsync();
        Assert.Equal(["Продление договора\n\nДобрый день! Хотим продлить договор.", "Спасибо, ждём!"], messages.Select(m => m.Text));
        Assert.All(messages, m => Assert.Equal(card.ConversationId, m.ConversationId));
    }

    [Fact]
    public async Task While_smtp_is_cut_the_answer_is_failed_and_tried_again_and_after_the_restore_exactly_one_mail_arrives()
    {
        var (mail, box, client, relay) = await RelayedAsync();
        await using var _ = relay;
        await using var server = await ChatServer.StartAsync(backend, EmailKit.Settings(mail, box, smtpPort: relay.Address.Port));
        await using var clients = new Clients(server.BaseAddress);
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var states = agent.Record<EmailState>(nameof(IAgentClient.EmailStateChanged));
        var asked = $"{Guid.NewGuid():N}@mail.example";
        await mail.SendAsync(box, EmailKit.Mail("Ольга", client.Address, box, "Счёт", "Пришлите счёт, пожалуйста.", messageId: asked));
        await server.WaitForReadAsync(1);
        var conversationId = (await server.EmailMessagesAsync()).Single().ConversationId;
        relay.Cut();

        var answer = await AnswerAsync(agent, conversationId, "Счёт отправим сегодня.");

        var failed = await states.WaitForAsync(s => s.MessageId == answer.Id && s.Status == EmailSendState.Failed, Wait);
        Assert.Equal(SendErrors.Unreachable, failed.Error);
        await server.WaitForAsync(db => db.Set<EmailMessageRecord>().AnyAsync(e => e.ChatMessageId == answer.Id && e.Attempts >= 2), "a second failed try");
        Assert.Equal(0, await mail.CountAsync(client));
        relay.Restore();

        await states.WaitForAsync(s => s.MessageId == answer.Id && s.Status == EmailSendState.Sent, Wait);
        await SingleReplyAsync(mail, client, asked);
        var seen = states.Items.Where(s => s.MessageId == answer.Id).Select(s => s.Status).ToList();
        Assert.Equal(EmailSendState.Queued, seen[0]);
        Assert.Equal(EmailSendState.Sent, seen[^1]);
        Assert.Contains(EmailSendState.Failed, seen);
    }

    [Fact]
    public async Task An_answer_stored_while_smtp_is_unreachable_is_sent_once_by_the_restarted_server_with_the_same_message_id()
    {
        var (mail, box, client, relay) = await RelayedAsync();
        await using var _ = relay;
        var data = Directory.CreateTempSubdirectory("chat-email-answer-");
        var settings = EmailKit.Settings(mail, box, smtpPort: relay.Address.Port);
        settings["Chat:Storage:DataDirectory"] = data.FullName;
        var asked = $"{Guid.NewGuid():N}@mail.example";
        Message answer;
        string messageId;
        var server = await ChatServer.StartAsync(backend, settings);
        await using (server)
        {
            settings["ConnectionStrings:Postgres"] = server.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
            await using var clients = new Clients(server.BaseAddress);
            var (agent, _) = await clients.AgentAsync("cc.ivanova");
            await mail.SendAsync(box, EmailKit.Mail("Ольга", client.Address, box, "Доступ", "Не могу войти.", messageId: asked));
            await server.WaitForReadAsync(1);
            relay.Cut();
            var sent = await AnswerAsync(agent, (await server.EmailMessagesAsync()).Single().ConversationId, "Сбросили пароль, попробуйте снова.");
            await server.WaitForAsync(db => db.Set<EmailMessageRecord>().AnyAsync(e => e.ChatMessageId == sent.Id && e.Status == EmailSendStatus.Failed), "a failed try");
            answer = await server.QueryAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == sent.Id));
            messageId = await server.QueryAsync(db => db.Set<EmailMessageRecord>().Where(e => e.ChatMessageId == sent.Id).Select(e => e.MessageId).SingleAsync());
        }

        relay.Restore();
        var restarted = await ChatServer.StartAsync(backend, settings);
        await using (restarted)
        {
            await restarted.WaitForAsync(db => db.Set<EmailMessageRecord>().AnyAsync(e => e.ChatMessageId == answer.Id && e.Status == EmailSendStatus.Sent), "the answer sent");

            var reply = await SingleReplyAsync(mail, client, asked);
            Assert.Equal(messageId, reply.MessageId);
            Assert.Equal($"{answer.Id:N}@{box.Address.Split('@')[1]}", reply.MessageId);
            Assert.Equal("Re: Доступ", reply.Subject);
        }

        data.Delete(recursive: true);
    }

    [Fact]
    public async Task The_longer_work_notice_and_an_answer_with_a_screenshot_go_to_the_client_by_mail()
    {
        await using var petrov = await PersonalBoxAsync();
        var (mail, box, server, client, http, agent) = (petrov.Mail, petrov.Box, petrov.Server, petrov.Client, petrov.Http, petrov.Agent);
        var asked = $"{Guid.NewGuid():N}@mail.example";
        await mail.SendAsync(box, EmailKit.Mail("Ольга", client.Address, box, "Интеграция", "Нужна выгрузка в 1С.", messageId: asked));
        await server.WaitForReadAsync(1, key: "m-petrov");
        var item = await server.QueryAsync(db => db.Set<Chat.Server.OfflineQueue.OfflineItem>().AsNoTracking().SingleAsync(i => i.Kind == Chat.Server.OfflineQueue.OfflineItemKinds.Email));

        var notice = await agent.InvokeAsync<SendResult>("SendLongerWorkNotice", item.Id);
        await mail.WaitForCountAsync(client, 1);
        var uploaded = await Console.ConsoleFeatureTests.UploadAsync(http, "screen.png", Console.ConsoleFeatureTests.Png);
        var screenshot = (await uploaded.Content.ReadFromJsonAsync<AttachmentRef>(TestClients.Json))!;
        await agent.InvokeAsync<ResumeResult>("OpenConversation", item.ConversationId, 0L);
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(item.ConversationId!.Value, Guid.NewGuid(), "Вот где включается выгрузка.", [screenshot.Id]));
        await mail.WaitForCountAsync(client, 2);

        var (told, answer) = (await mail.ReadAsync(client)) switch { [var first, var second] => (first, second), var all => throw new Xunit.Sdk.XunitException($"{all.Count} mails") };
        Assert.Equal((asked, "Re: Интеграция", notice.Message.Text), (told.InReplyTo, told.Subject, told.TextBody?.Trim()));
        Assert.Equal(asked, answer.InReplyTo);
        Assert.Equal([asked, told.MessageId], answer.References.TakeLast(2));
        Assert.Equal("Вот где включается выгрузка.", answer.TextBody?.Trim());
        var file = Assert.Single(answer.Attachments.OfType<MimePart>());
        Assert.Equal(("screen.png", "image/png"), (file.FileName, file.ContentType.MimeType));
        await using var content = new MemoryStream();
        await file.Content!.DecodeToAsync(content);
        Assert.Equal(Console.ConsoleFeatureTests.Png, content.ToArray());
    }

    [Fact]
    public async Task An_answer_whose_attached_file_is_gone_is_refused_with_its_reason_and_the_next_answer_still_goes()
    {
        await using var petrov = await PersonalBoxAsync();
        var (mail, box, server, client, http, agent) = (petrov.Mail, petrov.Box, petrov.Server, petrov.Client, petrov.Http, petrov.Agent);
        var states = petrov.States;
        await mail.SendAsync(box, EmailKit.Mail("Ольга", client.Address, box, "Акт сверки", "Пришлите акт сверки, пожалуйста."));
        await server.WaitForReadAsync(1, key: "m-petrov");
        var conversation = (await server.EmailMessagesAsync()).Single().ConversationId;
        var uploaded = await Console.ConsoleFeatureTests.UploadAsync(http, "act.png", Console.ConsoleFeatureTests.Png);
        var file = (await uploaded.Content.ReadFromJsonAsync<AttachmentRef>(TestClients.Json))!;
        File.Delete(server.Services.GetRequiredService<Chat.Server.Attachments.AttachmentStore>().PathOf(file.Id));

        await agent.InvokeAsync<ResumeResult>("OpenConversation", conversation, 0L);
        var broken = (await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(conversation, Guid.NewGuid(), "Акт во вложении.", [file.Id]))).Message;
        var next = await AnswerAsync(agent, conversation, "Акт отправим отдельным письмом сегодня.");

        await states.WaitForAsync(s => s.MessageId == next.Id && s.Status == EmailSendState.Sent, Wait);
        Assert.Contains(states.Items, s => s.MessageId == broken.Id && s.Status == EmailSendState.Failed && s.Error == SendErrors.AttachmentMissing);
        await mail.WaitForCountAsync(client, 1);
        Assert.Equal(["Акт отправим отдельным письмом сегодня."], (await mail.ReadAsync(client)).Select(m => m.TextBody?.Trim()));
        var thread = await agent.InvokeAsync<EmailThread>("GetEmailThread", conversation);
        Assert.Equal(
            [(broken.Id, EmailSendState.Failed, SendErrors.AttachmentMissing), (next.Id, EmailSendState.Sent, null)],
            thread.States.Select(s => (s.MessageId, s.Status, s.Error)));
    }

    [Fact]
    public async Task An_answer_the_mail_server_refuses_for_good_is_refused_with_its_reason_tried_once_and_the_other_answers_still_go()
    {
        await using var petrov = await PersonalBoxAsync();
        var (mail, box, server, client, agent, states) = (petrov.Mail, petrov.Box, petrov.Server, petrov.Client, petrov.Agent, petrov.States);
        await mail.SendAsync(box, EmailKit.Mail("Ольга", $"nobody@{MailServer.RefusingDomain}", box, "Вопрос", "Ответьте мне, пожалуйста."));
        await server.WaitForReadAsync(1, key: "m-petrov");
        await mail.SendAsync(box, EmailKit.Mail("Анна", client.Address, box, "Счёт", "Пришлите счёт."));
        await server.WaitForReadAsync(2, key: "m-petrov");
        var conversations = (await server.EmailMessagesAsync()).Select(m => m.ConversationId).ToList();

        var refused = await AnswerAsync(agent, conversations[0], "Добрый день! Отвечаю на ваш вопрос.");
        var sent = await AnswerAsync(agent, conversations[1], "Счёт во вложении к следующему письму.");

        await states.WaitForAsync(s => s.MessageId == sent.Id && s.Status == EmailSendState.Sent, Wait);
        var state = await states.WaitForAsync(s => s.MessageId == refused.Id && s.Status == EmailSendState.Failed, Wait);
        Assert.Equal(SendErrors.Refused, state.Error);
        await mail.WaitForCountAsync(client, 1);
        var record = await server.QueryAsync(db => db.Set<EmailMessageRecord>().AsNoTracking().SingleAsync(e => e.ChatMessageId == refused.Id));
        Assert.Equal((EmailSendStatus.Refused, 1, SendErrors.Refused), (record.Status, record.Attempts, record.LastError));
        Assert.Equal([(refused.Id, EmailSendState.Failed, SendErrors.Refused)],
            (await agent.InvokeAsync<EmailThread>("GetEmailThread", conversations[0])).States.Select(s => (s.MessageId, s.Status, s.Error)));
    }

    /// <summary>m.petrov's own mailbox read by a server, a client's mailbox, and m.petrov signed in (HTTP and agent hub).</summary>
    private async Task<PersonalBox> PersonalBoxAsync()
    {
        var (mail, box, server) = await EmailKit.StartAsync(backend, key: "m-petrov", staffLogin: "m.petrov");
        var client = await mail.CreateMailboxAsync("client");
        var cookies = await TestClients.SignInAgentAsync(server.BaseAddress, "m.petrov");
        var agent = TestClients.AgentConnection(server.BaseAddress, cookies);
        var states = agent.Record<EmailState>(nameof(IAgentClient.EmailStateChanged));
        await agent.StartAsync();
        return new PersonalBox(mail, box, server, client, TestClients.Http(server.BaseAddress, cookies), agent, states);
    }

    private sealed record PersonalBox(MailServer Mail, TestMailbox Box, ChatServer Server, TestMailbox Client, HttpClient Http, HubConnection Agent, EventLog<EmailState> States)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Agent.DisposeAsync();
            Http.Dispose();
            await Server.DisposeAsync();
        }
    }

    /// <summary>A shared box and a client's box on the test mail server, and a relay to its SMTP port that a test can cut.</summary>
    private static async Task<(MailServer Mail, TestMailbox Box, TestMailbox Client, TcpRelay Relay)> RelayedAsync()
    {
        var mail = await MailServer.Shared;
        var box = await mail.CreateMailboxAsync("info");
        var client = await mail.CreateMailboxAsync("client");
        return (mail, box, client, new TcpRelay(() => new Uri($"tcp://{MailServer.Host}:{mail.SmtpPort}")));
    }

    private static async Task<ChatMessage> AnswerAsync(HubConnection agent, Guid conversationId, string text)
    {
        await agent.InvokeAsync<ResumeResult>("OpenConversation", conversationId, 0L);
        return (await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(conversationId, Guid.NewGuid(), text))).Message;
    }

    /// <summary>The one mail in <paramref name="mailbox"/> answering <paramref name="asked"/>: waited for, then checked to stay one a while later.</summary>
    private static async Task<MimeMessage> SingleReplyAsync(MailServer mail, TestMailbox mailbox, string asked)
    {
        async Task<List<MimeMessage>> RepliesAsync() => [.. (await mail.ReadAsync(mailbox)).Where(m => m.InReplyTo == asked)];
        await LocalProcess.WaitUntilAsync(async () => (await RepliesAsync()).Count > 0, "the answer in the client's mailbox", Wait);
        await Task.Delay(TimeSpan.FromSeconds(3));
        return Assert.Single(await RepliesAsync());
    }
}

[Trait("Area", "Email")]
public sealed class EmbeddedEmailAnswerTests() : EmailAnswerTests(Backend.Embedded);

[Trait("Area", "Email")]
public sealed class RedisPostgresEmailAnswerTests() : EmailAnswerTests(Backend.RedisPostgres);
