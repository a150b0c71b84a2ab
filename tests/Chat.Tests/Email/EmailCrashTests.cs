using System.Globalization;
using System.Text;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using Npgsql;
using Xunit.Abstractions;

namespace Chat.Tests.Email;

/// <summary>
/// Faults while a mailbox is read, with a server process on PostgreSQL and Redis: the IMAP connection cut in the middle
/// (the reader connects again and goes on), then the server killed with SIGKILL mid-fetch and started again. Every one
/// of 240 mails is one message in one conversation, none lost, none twice.
/// </summary>
[Trait("Area", "Email")]
public sealed class EmailCrashTests(ITestOutputHelper output)
{
    private const int Count = 240;

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
        await using var node = new ServerNode(postgres, redis.ConnectionString, settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!));
        await node.StartAsync();

        await WaitForAsync(postgres, n => n >= 40, "40 mails stored");
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
        output.WriteLine($"{Count} mails: {whileCut} stored when the connection was cut, {beforeKill} before the kill; {messages} messages in {conversations} conversations after");
        Assert.Equal((Count, Count, Count), (messages, conversations, ids));
    }

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
