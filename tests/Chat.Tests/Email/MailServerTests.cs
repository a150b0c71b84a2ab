using Chat.Tests.Infrastructure;
using MimeKit;

namespace Chat.Tests.Email;

/// <summary>The test mail server itself: SMTP delivers through LMTP into the mailbox, and a raw IMAP append keeps what it is given.</summary>
[Trait("Area", "Email")]
public sealed class MailServerTests
{
    [Fact]
    public async Task A_mail_sent_over_smtp_and_one_appended_over_imap_are_both_in_the_mailbox()
    {
        var server = await MailServer.Shared;
        var mailbox = await server.CreateMailboxAsync("smoke");
        var message = new MimeMessage { Subject = "Проверка", Body = new TextPart("plain") { Text = "Здравствуйте" } };
        message.From.Add(new MailboxAddress("Ольга", "olga@example.com"));
        message.To.Add(MailboxAddress.Parse(mailbox.Address));

        await server.SendAsync(mailbox, message);
        await server.AppendAsync(mailbox, "From: x\r\nContent-Type: multipart/mixed\r\n\r\nno boundary at all\r\n"u8.ToArray());

        await server.WaitForCountAsync(mailbox, 2);
        Assert.Equal(2, await server.CountAsync(mailbox));
    }
}
