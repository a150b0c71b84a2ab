using System.Net;
using System.Net.Http.Json;
using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Visitors;
using Chat.Tests.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Security;

/// <summary>In Production an unexpected failure answers <c>internal_error</c> and nothing of the exception.</summary>
[Trait("Area", "Security")]
public sealed class ProductionErrorTests
{
    private const string Trigger = "explode";
    private const string Detail = "connection string Password=hunter2 for /srv/chat/secret.db";

    [Fact]
    public async Task An_unexpected_failure_in_a_hub_method_or_an_http_endpoint_answers_only_internal_error()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded, new Dictionary<string, string?> { ["environment"] = "Production" }, services =>
        {
            services.AddSingleton<IValidator<SendMessage>>(new InlineValidator<SendMessage> { v => v.RuleFor(m => m.Text).Must(t => t != Trigger || Explode()) });
            services.AddSingleton<IValidator<StartVisitorSession>>(new InlineValidator<StartVisitorSession> { v => v.RuleFor(s => s.Name).Must(n => n != Trigger || Explode()) });
        });
        Assert.Equal("Production", server.Services.GetRequiredService<IWebHostEnvironment>().EnvironmentName);
        var session = await TestClients.StartVisitorSessionAsync(server.BaseAddress);
        await using var visitor = TestClients.VisitorConnection(server.BaseAddress, session.Token);
        await visitor.StartAsync();
        using var http = TestClients.Http(server.BaseAddress);

        var hubError = await Assert.ThrowsAsync<HubException>(() => visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), Trigger)));
        var response = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest(Trigger, "ru", null), TestClients.Json);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(ErrorCodes.Internal, ErrorCodes.Parse(hubError.Message));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"code\":\"{ErrorCodes.Internal}\"", body, StringComparison.Ordinal);
        foreach (var leak in new[] { "hunter2", "InvalidOperationException", "secret.db", "   at ", "Chat.Server." })
        {
            Assert.DoesNotContain(leak, hubError.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }

        var afterwards = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "всё работает"));
        Assert.Equal(1, afterwards.Message.Sequence);
    }

    private static bool Explode() => throw new InvalidOperationException(Detail);
}
