using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Security;

/// <summary>
/// Refusals are cheap to log and cannot be escaped: a flood of refused calls writes one line per code and connection,
/// never a stack trace, and reconnecting does not start a visitor's call budget over.
/// </summary>
[Trait("Area", "Security")]
public sealed class RefusalLimitsTests
{
    [Fact]
    public async Task A_flood_of_refused_calls_is_logged_once_per_code_and_connection_without_a_stack_trace()
    {
        var log = new LogCapture();
        var settings = new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Chat:Security:HubCallsPerSecond"] = "1000",
            ["Chat:Security:HubCallBurst"] = "1000",
        };
        await using var server = await ChatServer.StartAsync(Backend.Embedded, settings, log.Register);
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var visitor = TestClients.VisitorConnection(server.BaseAddress, session.Token);
        await visitor.StartAsync();

        for (var i = 0; i < 300; i++)
        {
            var code = i % 2 == 0 ? ErrorCodes.MessageTooLong : ErrorCodes.InvalidArgument;
            var text = code == ErrorCodes.MessageTooLong ? new string('я', 4001) : "привет";
            var error = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(code == ErrorCodes.InvalidArgument ? Guid.Empty : Guid.NewGuid(), text)));
            Assert.Equal(code, ErrorCodes.Parse(error.Message));
        }

        var refusals = log.Lines.Where(l => l.Contains("refused for conversation", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, l => Assert.StartsWith("[Information]", l, StringComparison.Ordinal));
        Assert.Contains(refusals, l => l.Contains(ErrorCodes.MessageTooLong, StringComparison.Ordinal) && l.Contains(session.ConversationId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("[Error]", StringComparison.Ordinal) || l.Contains("exception=", StringComparison.Ordinal));
        Assert.True(log.Lines.Sum(l => l.Length) < 10_000, $"{log.Lines.Sum(l => l.Length)} characters of log for 300 refusals");
    }

    [Fact]
    public async Task Reconnecting_does_not_start_a_visitors_call_budget_over()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chat:Security:HubCallsPerSecond"] = "1",
            ["Chat:Security:HubCallBurst"] = "5",
        };
        await using var server = await ChatServer.StartAsync(Backend.Embedded, settings);
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);

        var first = await CallsBeforeRefusalAsync(server.BaseAddress, session.Token);
        var second = await CallsBeforeRefusalAsync(server.BaseAddress, session.Token);
        var third = await CallsBeforeRefusalAsync(server.BaseAddress, session.Token);

        Assert.InRange(first, 5, 6);
        Assert.InRange(second + third, 0, 3);
    }

    /// <summary>Connects anew and counts the calls answered before the first <c>rate_limited</c>.</summary>
    private static async Task<int> CallsBeforeRefusalAsync(Uri server, string token)
    {
        await using var visitor = TestClients.VisitorConnection(server, token);
        await visitor.StartAsync();
        for (var answered = 0; answered < 20; answered++)
        {
            try
            {
                await visitor.InvokeAsync<ResumeResult>("Resume", 0L);
            }
            catch (HubException e) when (ErrorCodes.Parse(e.Message) == ErrorCodes.RateLimited)
            {
                return answered;
            }
        }

        return 20;
    }
}
