using System.Net;
using System.Net.Http.Json;
using System.Text;
using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Security;

/// <summary>Nothing secret or personal reaches the log, at any level, through a whole scenario.</summary>
[Trait("Area", "Security")]
public sealed class LogSecrecyTests
{
    private const string AdminKey = "admin-key-7f3c9a1e-never-logged";
    private const string StaffPassword = "Staff-Pa55-7731";
    private const string WrongPassword = "Wr0ng-Pa55word-4410";
    private const string PasswordInTheLoginField = "Sup3r-Secret-Typed-Into-Login";

    [Fact]
    public async Task A_full_scenario_logs_no_token_key_password_or_full_phone_number()
    {
        var log = new LogCapture();
        var settings = new Dictionary<string, string?>(HostSite.Settings)
        {
            ["Chat:Admin:ApiKey"] = AdminKey,
            ["Chat:Demo:Password"] = StaffPassword,
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore"] = "Verbose",
        };
        await using var server = await ChatServer.StartAsync(Backend.Embedded, settings, log.Register);
        var address = server.BaseAddress;

        using (var admin = TestClients.Http(address))
        {
            using var import = new HttpRequestMessage(HttpMethod.Post, HubPaths.AdminAccounts)
            {
                Content = new StringContent("id,name,company,tariff,manager,dedicatedManager,phones,emails\n20001,Луч,ООО «Луч»,business,m.petrov,,+7 926 555-12-34,luch@example.com\n", Encoding.UTF8, "text/csv"),
            };
            import.Headers.Add(HubPaths.AdminKeyHeader, AdminKey);
            Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(import)).StatusCode);
        }

        using var http = TestClients.Http(address);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest("m.petrov", WrongPassword), TestClients.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest(PasswordInTheLoginField, WrongPassword), TestClients.Json)).StatusCode);
        await using var agent = TestClients.AgentConnection(address, await TestClients.SignInAgentAsync(address, "m.petrov", StaffPassword));
        var cards = agent.Record<HandoffCard>(nameof(IAgentClient.HandoffReceived));
        await agent.StartAsync();

        var identityToken = HostSite.IdentityToken("20001");
        var session = await (await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest("Ольга", "ru", null, identityToken), TestClients.Json))
            .Content.ReadFromJsonAsync<VisitorSession>(TestClients.Json);
        using (var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{HubPaths.Visitor}/negotiate?negotiateVersion=1&access_token={session!.Token}"))
        {
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(negotiate)).StatusCode);
        }

        await using var visitor = TestClients.VisitorConnection(address, session.Token);
        await visitor.StartAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Позвоните мне: +7 926 555-12-34 или 89265551234"));
        var receipt = await visitor.InvokeAsync<HandoffReceipt>("Identify",
            new IdentifyRequest(Guid.NewGuid(), "20001", "8 (926) 555-12-34", "Olga.Private@Example.com", ContactMethod.Phone, "договор"));
        var card = await cards.WaitForAsync(c => c.Id == receipt.HandoffId);
        await agent.InvokeAsync<HandoffCard>("AcknowledgeHandoff", card.Id);
        await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Перезвоню на +79265551234"));
        using var renewal = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(null, null, session.Token), TestClients.Json);
        renewal.EnsureSuccessStatusCode();
        await visitor.StopAsync();
        await agent.StopAsync();

        string[] secrets =
        [
            session.Token, identityToken, identityToken.Split('.')[2], AdminKey, StaffPassword, WrongPassword, PasswordInTheLoginField,
            "+79265551234", "79265551234", "89265551234", "9265551234", "926 555-12-34", "olga.private@example.com",
        ];
        Assert.NotEmpty(log.Lines);
        Assert.Empty(secrets.SelectMany(secret => log.Containing(secret).Select(line => $"{secret[..Math.Min(12, secret.Length)]}…: {line}")));
    }
}
