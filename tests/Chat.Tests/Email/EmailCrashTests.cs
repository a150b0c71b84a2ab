using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using Npgsql;
using Xunit.Abstractions;

namespace Chat.Tests.Email;

/// <summary>
/// Faults while a mailbox is read, with a server process on PostgreSQL and Redis: the IMAP connection cut in the middle
/// (the reader connects again and goes on), then the server killed with SIGKILL mid-fetch and started again. Every one
/// of 240 mails is one message in one conversation, none lost, none twice. The mailbox's lag (a metric) is the age of the
/// mail being stored while the reader is behind, and 0 once it has read everything.
/// </summary>
[Trait("Area", "Email")]
public sealed partial class EmailCrashTests(ITestOutputHelper output)
{
    private const int Count = 240;
    private const string AdminKey = "email-crash-admin-key";

    [Fact]
    public async Task A_cut_imap_connection_and_a_server_killed_mid_fetch_lose_and_double_no_mail()
    {
        var mail = await MailServer.Shared;
        var box = await mail.CreateMailboxAsync("info");
        for (var i = 0; i < Count; i++)
        {
            await mail.AppendAsync(box, Encoding.UTF8.GetBytes(
                $"From: Client {i} <crash{i}@example.com>\r\nTo: {box.Address}\r\nSubject: Mail {i}\r\nMessage-ID: <crash-{i}@example.com>\r\n\r\nText {i}\r\n"));
        }

        await using var redis = await RedisServer.StartAsync();
        var postgres = await (await PostgresServer.Shared).CreateDatabaseAsync();
        await using var imap = new TcpRelay(() => new Uri($"http://{MailServer.Host}:{mail.ImapPort}"));
        var settings = EmailKit.Settings(mail, box);
        settings["Chat:Email:Mailboxes:0:Imap:Port"] = imap.Address.Port.ToString(CultureInfo.InvariantCulture);
        settings["Chat:Admin:ApiKey"] = AdminKey;
        await using var node = new ServerNode(postgres, redis.ConnectionString, settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!));
        await node.StartAsync();

        await WaitForAsync(postgres, n => n >= 40, "40 mails stored");
        var behind = await LagAsync(node.Address);
        imap.Cut();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var whileCut = await StoredAsync(postgres);
        imap.Restore();
        await WaitForAsync(postgres, n => n >= whileCut + 60, "60 more mails after the cut");
        node.Kill();
        var beforeKill = await StoredAsync(postgres);
        Assert.True(beforeKill < Count, $"all {beforeKill} were stored before the kill");

        await node.StartAsync();
        await WaitForAsync(postgres, n => n >= Count, $"{Count} mails stored", seconds: 180);
        await Task.Delay(TimeSpan.FromSeconds(2));

        await using var db = await NpgsqlDataSource.Create(postgres).OpenConnectionAsync();
        var (messages, conversations, ids) = await CountsAsync(db);
        output.WriteLine($"{Count} mails: {whileCut} stored when the connection was cut, {beforeKill} before the kill; {messages} messages in {conversations} conversations after; lag {behind} s while behind");
        Assert.Equal((Count, Count, Count), (messages, conversations, ids));
        Assert.True(behind > 0, $"the lag while 200 mails waited was {behind} s");
        Assert.Equal(0, await LagAsync(node.Address));
    }

    /// <summary>The <c>chat.mailbox.lag</c> of the mailbox <c>info</c> in the server's Prometheus scrape.</summary>
    private static async Task<double> LagAsync(Uri server)
    {
        using var http = TestClients.Http(server);
        http.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, AdminKey);
        var scrape = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return double.Parse(Lag().Match(scrape).Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("""^chat_mailbox_lag_seconds\{[^}]*mailbox="info"[^}]*\} (?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Lag();

    private static async Task<long> StoredAsync(string postgres)
    {
        await using var db = await NpgsqlDataSource.Create(postgres).OpenConnectionAsync();
        return (await CountsAsync(db)).Messages;
    }

    /// <summary>The visitors' messages of e-mail conversations, those conversations, and the distinct Message-IDs stored.</summary>
    private static async Task<(long Messages, long Conversations, long Ids)> CountsAsync(NpgsqlConnection db)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM "Messages" m JOIN "Conversations" c ON c."Id" = m."ConversationId" WHERE c."Channel" = 'email' AND m."Sender" = 'Visitor'),
                   (SELECT count(*) FROM "Conversations" WHERE "Channel" = 'email'),
                   (SELECT count(DISTINCT "MessageId") FROM "EmailMessages")
            """, db);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static Task WaitForAsync(string postgres, Func<long, bool> ready, string what, int seconds = 90) =>
        LocalProcess.WaitUntilAsync(async () => ready(await StoredAsync(postgres)), what, TimeSpan.FromSeconds(seconds));
}
