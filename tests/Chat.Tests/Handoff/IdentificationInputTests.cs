using Chat.Contracts;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Handoff;

/// <summary>Bad identification input gets field-level errors the widget can show; nothing is relayed; attempts are limited.</summary>
[Trait("Area", "Handoff")]
public sealed class IdentificationInputTests(EmbeddedHandoffFixture fixture) : IClassFixture<EmbeddedHandoffFixture>, IAsyncLifetime
{
    private Clients clients = null!;

    public Task InitializeAsync()
    {
        clients = new Clients(fixture.Server.BaseAddress);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await clients.DisposeAsync();

    public static TheoryData<string?, string?, string?, string, string> BadForms => new()
    {
        { "", "+7 916 123-45-67", null, "accountNameOrId", ErrorCodes.AccountRequired },
        { "   ", "+7 916 123-45-67", null, "accountNameOrId", ErrorCodes.AccountRequired },
        { new string('я', 101), "+7 916 123-45-67", null, "accountNameOrId", ErrorCodes.AccountTooLong },
        { "10001", "12-ab", null, "phone", ErrorCodes.InvalidPhone },
        { "10001", null, "not-an-address@", "email", ErrorCodes.InvalidEmail },
        { "10001", null, "two@@example.com", "email", ErrorCodes.InvalidEmail },
        { "10001", null, null, "contact", ErrorCodes.ContactRequired },
        { "10001", "  ", "", "contact", ErrorCodes.ContactRequired },
        { "Ромашка\u0000", "+7 916 123-45-67", null, "accountNameOrId", ErrorCodes.InvalidCharacters },
        { "<script>alert(1)</script>", "+7 916 123-45-67", null, "accountNameOrId", ErrorCodes.InvalidCharacters },
        { "10001", "+7 916\u0007 123-45-67", null, "phone", ErrorCodes.InvalidCharacters },
        { "10001", null, "<b>a@example.com</b>", "email", ErrorCodes.InvalidCharacters },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_form_gets_the_field_and_its_code_and_nothing_is_relayed(string? account, string? phone, string? email, string field, string code)
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();

        var error = await Assert.ThrowsAsync<HubException>(() =>
            visitor.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(Guid.NewGuid(), account, phone, email, null, null)));

        Assert.Equal(code, ErrorCodes.Parse(error.Message));
        Assert.Contains((field, code), ErrorCodes.ParseFields(error.Message));
        Assert.Equal(HubConnectionState.Connected, visitor.State);
        Assert.Empty((await visitor.InvokeAsync<ResumeResult>("Resume", 0L)).Messages);
    }

    [Fact]
    public async Task Several_bad_fields_are_reported_together()
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();

        var error = await Assert.ThrowsAsync<HubException>(() =>
            visitor.InvokeAsync<HandoffReceipt>("Identify", new IdentifyRequest(Guid.NewGuid(), "", "abc", "x@", null, null)));

        var fields = ErrorCodes.ParseFields(error.Message);
        Assert.Contains(("accountNameOrId", ErrorCodes.AccountRequired), fields);
        Assert.Contains(("phone", ErrorCodes.InvalidPhone), fields);
        Assert.Contains(("email", ErrorCodes.InvalidEmail), fields);
    }

    [Fact]
    public async Task Markup_in_the_topic_is_kept_as_plain_text()
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();
        var (supervisor, _) = await clients.AgentAsync("s.orlov");
        const string Topic = "<img src=x onerror=alert(1)> цены";

        var receipt = await visitor.IdentifyAsync("10002", email: "it@vector.example", topic: Topic);

        Assert.Equal(Topic, (await supervisor.InvokeAsync<HandoffCard>("GetHandoff", receipt.HandoffId)).Topic);
    }

    [Fact]
    public async Task Identification_attempts_are_limited_per_session()
    {
        var (_, visitor, _, _) = await clients.VisitorAsync();
        for (var i = 0; i < 5; i++)
        {
            await visitor.IdentifyAsync($"Неизвестный {i}", email: "probe@example.com");
        }

        var error = await Assert.ThrowsAsync<HubException>(() => visitor.IdentifyAsync("10001", email: "probe@example.com"));

        Assert.Equal(ErrorCodes.RateLimited, ErrorCodes.Parse(error.Message));
        var (_, fresh, _, _) = await clients.VisitorAsync();
        Assert.False((await fresh.IdentifyAsync("10001", email: "probe@example.com")).Duplicate);
    }

    [Fact]
    public async Task A_call_back_before_identification_is_refused()
    {
        var (from, to) = HandoffCalls.NextWorkingHour(fixture.Server.Services);
        var (_, visitor, _, _) = await clients.VisitorAsync();

        var error = await Assert.ThrowsAsync<HubException>(() =>
            visitor.InvokeAsync<HandoffReceipt>("RequestCallBack", new CallBackRequest(Guid.NewGuid(), "+7 916 222-33-44", from, to, null)));

        Assert.Equal(ErrorCodes.NotIdentified, ErrorCodes.Parse(error.Message));
    }
}
