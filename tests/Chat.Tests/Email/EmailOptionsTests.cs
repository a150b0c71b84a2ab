using Chat.Server.Email;

namespace Chat.Tests.Email;

/// <summary>The mailbox settings are checked at start, with one message per bad field; none at all is the default and valid.</summary>
[Trait("Area", "Email")]
public sealed class EmailOptionsTests
{
    private static MailboxOptions Box(string key, string address) => new()
    {
        Key = key,
        Address = address,
        Imap = new ImapOptions { Host = "imap.example.com", User = address, Password = "secret" },
        Smtp = new SmtpOptions { Host = "smtp.example.com", User = address, Password = "secret" },
    };

    [Fact]
    public void No_mailboxes_is_valid_and_the_default()
    {
        var options = new EmailOptions();

        Assert.Empty(options.Mailboxes);
        Assert.True(new EmailOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(10 * 1024 * 1024, new MailboxOptions().MaxMessageBytes);
    }

    [Fact]
    public void Each_bad_field_is_named()
    {
        var bad = Box("Info Box", "not an address");
        bad.Imap = new ImapOptions { Host = "", Port = 0, User = "", Password = "" };
        bad.Smtp = new SmtpOptions { Host = " ", Port = 70000, User = "info", Timeout = TimeSpan.Zero };
        bad.PollInterval = TimeSpan.Zero;
        bad.MaxMessageBytes = 10;
        bad.StaffLogin = "m petrov";
        var options = new EmailOptions { Mailboxes = [bad, Box("sales", "sales@example.com"), Box("sales", "SALES@example.com")] };

        var failures = new EmailOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(
        [
            "Chat:Email:Mailboxes:0:Key is required: 1 to 32 lower-case letters, digits or dashes.",
            "Chat:Email:Mailboxes:0:Address must be an e-mail address (info@example.com).",
            "Chat:Email:Mailboxes:0:StaffLogin must be a staff login, or left out for the shared box.",
            "Chat:Email:Mailboxes:0:Imap:Host is required.",
            "Chat:Email:Mailboxes:0:Imap:Port must be between 1 and 65535.",
            "Chat:Email:Mailboxes:0:Imap:User is required.",
            "Chat:Email:Mailboxes:0:Imap:Password is required.",
            "Chat:Email:Mailboxes:0:Smtp:Host is required.",
            "Chat:Email:Mailboxes:0:Smtp:Port must be between 1 and 65535.",
            "Chat:Email:Mailboxes:0:Smtp:Password is required with a User.",
            "Chat:Email:Mailboxes:0:Smtp:Timeout must be between 00:00:01 and 00:10:00.",
            "Chat:Email:Mailboxes:0:PollInterval must be between 00:00:01 and 01:00:00.",
            "Chat:Email:Mailboxes:0:MaxMessageBytes must be between 1024 and 104857600 bytes.",
            "Chat:Email:Mailboxes: the key \"sales\" is given to more than one mailbox.",
            "Chat:Email:Mailboxes: the address sales@example.com is given to more than one mailbox.",
        ], failures);
    }
}
