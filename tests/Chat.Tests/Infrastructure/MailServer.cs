using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Chat.Tests.Infrastructure;

/// <summary>A mailbox on the test mail server: its address is also its IMAP user name.</summary>
public sealed record TestMailbox(string Address, string Password);

/// <summary>
/// A real Dovecot (IMAP and LMTP) and a real OpenSMTPD (SMTP, delivering to Dovecot over LMTP) on free loopback ports, in a
/// folder of their own. OpenSMTPD keeps its queue and control socket at fixed system paths, so one machine runs one: the
/// run shares one server and every test makes mailboxes of its own (<see cref="CreateMailboxAsync"/>).
/// </summary>
public sealed class MailServer : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    private const string Domain = "chat.test";

    /// <summary>A recipient of this domain is refused for good (550 at RCPT), as a mail server refuses an address that does not exist.</summary>
    public const string RefusingDomain = "refused.test";

    private readonly string directory = Directory.CreateTempSubdirectory("chat-mail-").FullName;
    private readonly Lock users = new();
    private readonly Dictionary<string, TestMailbox> named = new(StringComparer.OrdinalIgnoreCase);
    private int generation;
    private Process? dovecot;
    private Process? smtpd;

    private MailServer()
    {
    }

    public int ImapPort { get; } = LocalProcess.FreePort();

    public int SmtpPort { get; } = LocalProcess.FreePort();

    private int LmtpPort { get; } = LocalProcess.FreePort();

    private string PasswdFile => Path.Combine(directory, "passwd");

    /// <summary>
    /// One server shared by every test of the run; it ends with the test process through the watchdog of
    /// <see cref="LocalProcess.Start"/>, and the next run deletes its folder (<see cref="DeleteLeftovers"/>).
    /// </summary>
    public static Task<MailServer> Shared => SharedInstance.Value;

    private static readonly Lazy<Task<MailServer>> SharedInstance = new(StartAsync);

    public static async Task<MailServer> StartAsync()
    {
        DeleteLeftovers();
        var server = new MailServer();
        await server.LaunchAsync();
        return server;
    }

    /// <summary>
    /// A new, empty mailbox named after <paramref name="name"/> (made unique). Dovecot looks at its password file at most once a
    /// second and by its time stamp, so each new user gets a later stamp and the answer comes a second later.
    /// </summary>
    public async Task<TestMailbox> CreateMailboxAsync(string name)
    {
        var mailbox = new TestMailbox($"{name}-{Guid.NewGuid():N}@{Domain}", Guid.NewGuid().ToString("N"));
        Add(mailbox);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        return mailbox;
    }

    /// <summary>
    /// The mailbox of exactly <paramref name="address"/> (a client's address known to the server, such as a demo account's),
    /// made once per run and shared by the tests that use it: they tell their mails apart by Message-ID.
    /// </summary>
    public async Task<TestMailbox> MailboxOfAsync(string address)
    {
        TestMailbox? mailbox;
        lock (users)
        {
            if (!named.TryGetValue(address, out mailbox))
            {
                mailbox = new TestMailbox(address, Guid.NewGuid().ToString("N"));
                named[address] = mailbox;
                Add(mailbox);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        return mailbox;
    }

    private void Add(TestMailbox mailbox)
    {
        lock (users)
        {
            File.AppendAllText(PasswdFile, $"{mailbox.Address}:{{PLAIN}}{mailbox.Password}\n");
            File.SetLastWriteTimeUtc(PasswdFile, DateTime.UnixEpoch.AddSeconds(++generation));
        }
    }

    /// <summary>The mails in the mailbox's inbox, oldest first.</summary>
    public async Task<List<MimeMessage>> ReadAsync(TestMailbox mailbox)
    {
        using var client = await ConnectAsync(mailbox);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var mails = new List<MimeMessage>();
        for (var i = 0; i < client.Inbox.Count; i++)
        {
            mails.Add(await client.Inbox.GetMessageAsync(i));
        }

        await client.DisconnectAsync(true);
        return mails;
    }

    /// <summary>Sends <paramref name="message"/> through OpenSMTPD to <paramref name="to"/>: the way a mail from outside arrives.</summary>
    public async Task SendAsync(TestMailbox to, MimeMessage message)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(Host, SmtpPort, SecureSocketOptions.None);
        var sender = message.From.Mailboxes.FirstOrDefault() ?? new MailboxAddress("", "nobody@example.com");
        await client.SendAsync(message, sender, [MailboxAddress.Parse(to.Address)]);
        await client.DisconnectAsync(true);
    }

    /// <summary>
    /// Puts the raw bytes into the mailbox with a plain IMAP APPEND, as they are: for hostile input that an SMTP server (or a
    /// MIME library on the way) would refuse or repair.
    /// </summary>
    public async Task AppendAsync(TestMailbox to, byte[] raw)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Host, ImapPort);
        await using var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        await reader.ReadLineAsync();
        await CommandAsync(stream, reader, "a1", System.Text.Encoding.ASCII.GetBytes($"a1 LOGIN \"{to.Address}\" \"{to.Password}\"\r\n"));
        await CommandAsync(stream, reader, "a2", [.. System.Text.Encoding.ASCII.GetBytes($"a2 APPEND INBOX {{{raw.Length}+}}\r\n"), .. raw, .. "\r\n"u8]);
        await CommandAsync(stream, reader, "a3", "a3 LOGOUT\r\n"u8.ToArray());
    }

    private static async Task CommandAsync(NetworkStream stream, StreamReader reader, string tag, byte[] command)
    {
        await stream.WriteAsync(command);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                if (!line.StartsWith(tag + " OK", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"IMAP {tag} failed: {line}");
                }

                return;
            }
        }
    }

    /// <summary>How many mails the mailbox's inbox holds.</summary>
    public async Task<int> CountAsync(TestMailbox mailbox)
    {
        using var client = await ConnectAsync(mailbox);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var count = client.Inbox.Count;
        await client.DisconnectAsync(true);
        return count;
    }

    /// <summary>Waits until the mailbox holds <paramref name="count"/> mails (SMTP hands them to Dovecot a moment after it accepts them).</summary>
    public Task WaitForCountAsync(TestMailbox mailbox, int count) =>
        LocalProcess.WaitUntilAsync(async () => await CountAsync(mailbox) >= count, $"{count} mails in the test mailbox", TimeSpan.FromSeconds(60));

    private async Task<ImapClient> ConnectAsync(TestMailbox mailbox)
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(mailbox.Address, mailbox.Password);
        return client;
    }

    private async Task LaunchAsync()
    {
        // The temporary folder is the owner's only; Dovecot's auth and mail processes run as other users.
        Chmod(directory, (UnixFileMode)0b111_101_101);
        var mail = Directory.CreateDirectory(Path.Combine(directory, "mail")).FullName;
        Chmod(mail, (UnixFileMode)0b111_111_111);
        Directory.CreateDirectory(Path.Combine(directory, "base"));
        Directory.CreateDirectory(Path.Combine(directory, "state"));
        File.WriteAllText(PasswdFile, "");
        var dovecotConf = Path.Combine(directory, "dovecot.conf");
        File.WriteAllText(dovecotConf, string.Create(CultureInfo.InvariantCulture, $$"""
            base_dir = {{directory}}/base
            state_dir = {{directory}}/state
            log_path = {{directory}}/dovecot.log
            protocols = imap lmtp
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_verbose = yes
            mail_max_userip_connections = 100
            passdb {
              driver = passwd-file
              args = {{PasswdFile}}
            }
            userdb {
              driver = static
              args = uid=nobody gid=nogroup home={{mail}}/%u mail=maildir:~/Maildir
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{ImapPort}}
              }
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = {{LmtpPort}}
              }
            }

            """));

        // OpenSMTPD refuses a configuration file that others may write; it runs as root and keeps its queue in /var/spool/smtpd.
        var smtpdConf = Path.Combine(directory, "smtpd.conf");
        File.WriteAllText(smtpdConf, string.Create(CultureInfo.InvariantCulture, $"""
            listen on 127.0.0.1 port {SmtpPort}
            action "deliver" lmtp "127.0.0.1:{LmtpPort}" rcpt-to virtual {"{"} "@" = nobody {"}"}
            match from any for domain "{RefusingDomain}" reject
            match from any for any action "deliver"

            """));
        Chmod(smtpdConf, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        dovecot = LocalProcess.Start("/usr/sbin/dovecot", ["-F", "-c", dovecotConf]);
        smtpd = LocalProcess.Start("/usr/sbin/smtpd", ["-d", "-f", smtpdConf]);
        await LocalProcess.WaitUntilAsync(() => Task.FromResult(Listens(ImapPort) && Listens(LmtpPort) && Listens(SmtpPort)), "dovecot and smtpd");
    }

    /// <summary>The folders of earlier runs' shared servers, whose Dovecot is gone, with the mail the tests sent.</summary>
    private static void DeleteLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), "chat-mail-*"))
        {
            var pidFile = Path.Combine(folder, "base", "master.pid");
            var alive = File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid)
                && Directory.Exists($"/proc/{pid}");
            if (!alive)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The servers run on Debian only; the guard tells the platform analyser so.</summary>
    private static void Chmod(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    private static bool Listens(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(Host, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in new[] { smtpd, dovecot })
        {
            if (process is not null)
            {
                LocalProcess.Kill(process);
                process.Dispose();
            }
        }

        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
