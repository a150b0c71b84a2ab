using System.Globalization;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Chat.Tests.ScaleOut.Harness;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using Xunit.Abstractions;

namespace Chat.Tests.Email;

/// <summary>
/// The server process killed with SIGKILL in the middle of sending 200 answers by mail, then started again: every answer
/// reaches the client's mailbox, each under the Message-ID fixed before its first try. The one answer that may be taken
/// by the SMTP server just before the kill (and not yet recorded as sent) arrives twice with the same Message-ID, which
/// mail programs show once; nothing else is repeated.
/// </summary>
[Trait("Area", "Email")]
public sealed class EmailSendCrashTests(ITestOutputHelper output)
{
    private const int Answers = 200;

    [Fact]
    public async Task A_server_killed_mid_send_delivers_every_answer_under_its_one_message_id()
    {
        var mail = await MailServer.Shared;
        var box = await mail.CreateMailboxAsync("info");
        var client = await mail.CreateMailboxAsync("client");
        await using var redis = await RedisServer.StartAsync();
        var postgres = await (await PostgresServer.Shared).CreateDatabaseAsync();
        var settings = EmailKit.Settings(mail, box).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        await using var node = new ServerNode(postgres, redis.ConnectionString, settings);
        await node.StartAsync();
        await mail.SendAsync(box, EmailKit.Mail("Ольга", client.Address, box, "Много вопросов", "Ответьте, пожалуйста, на каждый."));
        var conversation = await ConversationAsync(postgres);

        await using (var agent = TestClients.AgentConnection(node.Address, await TestClients.SignInAgentAsync(node.Address, "m.petrov")))
        {
            await agent.StartAsync();
            await agent.InvokeAsync<ResumeResult>("OpenConversation", conversation, 0L);
            for (var i = 0; i < Answers; i++)
            {
                await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(conversation, Guid.NewGuid(), $"Ответ {i + 1}"));
            }
        }

        await mail.WaitForCountAsync(client, 20);
        node.Kill();
        var beforeKill = await mail.CountAsync(client);
        Assert.True(beforeKill < Answers, $"all {beforeKill} were sent before the kill");
        await node.StartAsync();

        await LocalProcess.WaitUntilAsync(async () => (await mail.ReadAsync(client)).Select(m => m.MessageId).Distinct().Count() >= Answers,
            $"{Answers} answers in the client's mailbox", TimeSpan.FromSeconds(180));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var received = await mail.ReadAsync(client);
        var ids = received.Select(m => m.MessageId).Distinct().Count();
        output.WriteLine($"{Answers} answers: {beforeKill} in the mailbox at the kill; {received.Count} mails, {ids} Message-IDs after the restart");
        Assert.Equal(Answers, ids);
        Assert.Equal(Enumerable.Range(1, Answers).Select(i => $"Ответ {i}"), received.DistinctBy(m => m.MessageId).Select(m => m.TextBody?.Trim()).Order(Numerically));
        Assert.InRange(received.Count - ids, 0, 1);
    }

    private static readonly IComparer<string?> Numerically = Comparer<string?>.Create((a, b) => Number(a).CompareTo(Number(b)));

    private static int Number(string? answer) => int.Parse(answer!["Ответ ".Length..], CultureInfo.InvariantCulture);

    /// <summary>Waits for the client's mail to become a conversation and gives its id.</summary>
    private static async Task<Guid> ConversationAsync(string postgres)
    {
        Guid? id = null;
        await LocalProcess.WaitUntilAsync(async () =>
        {
            await using var db = await NpgsqlDataSource.Create(postgres).OpenConnectionAsync();
            await using var command = new NpgsqlCommand("""SELECT "Id" FROM "Conversations" WHERE "Channel" = 'email'""", db);
            id = await command.ExecuteScalarAsync() as Guid?;
            return id is not null;
        }, "the client's mail as a conversation", TimeSpan.FromSeconds(60));
        return id!.Value;
    }
}
