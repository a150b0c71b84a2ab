using System.Globalization;
using Chat.Server.Storage;
using Chat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Chat.Tests.Email;

/// <summary>A chat server reading one mailbox of the test mail server, and what the tests send and look up.</summary>
public static class EmailKit
{
    /// <summary>The address of the demo account 10001 «Ромашка» (manager m.petrov).</summary>
    public const string RomashkaAddress = "info@romashka.example";

    /// <summary>Settings for a server reading <paramref name="box"/> as the mailbox <paramref name="key"/>, quickly.</summary>
    public static Dictionary<string, string?> Settings(MailServer mail, TestMailbox box, string key = "info", string? staffLogin = null, int? smtpPort = null)
    {
        const string At = "Chat:Email:Mailboxes:0:";
        var settings = new Dictionary<string, string?>
        {
            [At + "Key"] = key,
            [At + "Address"] = box.Address,
            [At + "Imap:Host"] = MailServer.Host,
            [At + "Imap:Port"] = mail.ImapPort.ToString(CultureInfo.InvariantCulture),
            [At + "Imap:Security"] = "None",
            [At + "Imap:User"] = box.Address,
            [At + "Imap:Password"] = box.Password,
            [At + "Smtp:Host"] = MailServer.Host,
            [At + "Smtp:Port"] = (smtpPort ?? mail.SmtpPort).ToString(CultureInfo.InvariantCulture),
            [At + "Smtp:Security"] = "None",
            [At + "Smtp:Timeout"] = "00:00:02",
            [At + "PollInterval"] = "00:00:01",
            ["Chat:Email:ReconnectDelay"] = "00:00:00.100",
            ["Chat:Email:MaxReconnectDelay"] = "00:00:01",
        };
        if (staffLogin is not null)
        {
            settings[At + "StaffLogin"] = staffLogin;
        }

        return settings;
    }

    /// <summary>A new mailbox on the shared mail server and a chat server reading it.</summary>
    public static async Task<(MailServer Mail, TestMailbox Box, ChatServer Server)> StartAsync(
        Backend backend, string key = "info", string? staffLogin = null, Action<IServiceCollection>? services = null)
    {
        var mail = await MailServer.Shared;
        var box = await mail.CreateMailboxAsync(key);
        return (mail, box, await ChatServer.StartAsync(backend, Settings(mail, box, key, staffLogin), services));
    }

    public static MimeMessage Mail(string fromName, string fromAddress, TestMailbox to, string subject, string text, string? messageId = null, string? inReplyTo = null)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(MailboxAddress.Parse(to.Address));
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@mail.example";
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }

        return message;
    }

    /// <summary>Runs <paramref name="query"/> on the server's database.</summary>
    public static async Task<T> QueryAsync<T>(this ChatServer server, Func<ChatDbContext, Task<T>> query)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ChatDbContext>());
    }

    /// <summary>The first page of the conversations of <paramref name="channel"/>, as the REST API lists them.</summary>
    public static async Task<Chat.Contracts.ConversationPage> ListAsync(this ChatServer server, string channel)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new Chat.Server.Api.ListConversations(null, channel, null, null, null, null));
    }

    /// <summary>The messages the visitors of e-mail conversations wrote, oldest first.</summary>
    public static Task<List<Message>> EmailMessagesAsync(this ChatServer server) =>
        server.QueryAsync(db => db.Messages.AsNoTracking()
            .Where(m => m.Sender == Chat.Contracts.SenderKind.Visitor && db.Conversations.Any(c => c.Id == m.ConversationId && c.Channel == "email"))
            .OrderBy(m => m.SentAt).ThenBy(m => m.Sequence).ToListAsync());

    /// <summary>Waits until <paramref name="ready"/> holds of the server's database.</summary>
    public static Task WaitForAsync(this ChatServer server, Func<ChatDbContext, Task<bool>> ready, string what, int seconds = 60) =>
        LocalProcess.WaitUntilAsync(() => server.QueryAsync(ready), what, TimeSpan.FromSeconds(seconds));

    /// <summary>Waits until the mailbox <paramref name="key"/> has been read up to <paramref name="count"/> mails.</summary>
    public static Task WaitForReadAsync(this ChatServer server, int count, string key = "info", int seconds = 60) =>
        server.WaitForAsync(async db => await db.Set<Chat.Server.Email.MailboxStateRecord>().AnyAsync(s => s.MailboxKey == key && s.LastUid >= count),
            $"{count} mails read from {key}", seconds);
}
