using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Console;

/// <summary>The server features the console needs: notes, close, transfer, saved answers, attachments, the company panel.</summary>
[Trait("Area", "Console")]
public sealed class ConsoleFeatureTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>, IAsyncLifetime
{
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private readonly Clients clients = new(fixture.Server.BaseAddress);

    private Uri Server => fixture.Server.BaseAddress;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await clients.DisposeAsync();

    [Fact]
    public async Task A_private_note_reaches_the_agents_following_the_conversation_and_never_the_visitor()
    {
        var (session, visitor, _, visitorMessages) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте"));
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var notes = agent.Record<ConversationNote>(nameof(IAgentClient.NoteAdded));
        await agent.InvokeAsync<ResumeResult>("OpenConversation", session.ConversationId, 0L);

        var note = await agent.InvokeAsync<ConversationNote>("AddNote", new NoteRequest(session.ConversationId, Guid.NewGuid(), "Клиент грубит, секрет"));
        var reply = await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Добрый день!"));

        Assert.Equal(note.Id, (await notes.WaitForAsync(n => n.Id == note.Id)).Id);
        await visitorMessages.WaitForAsync(m => m.Id == reply.Message.Id);
        var resumed = await visitor.InvokeAsync<ResumeResult>("Resume", 0L);
        Assert.DoesNotContain(visitorMessages.Items.Concat(resumed.Messages), m => m.Text.Contains("секрет", StringComparison.Ordinal));
        Assert.Equal(["Клиент грубит, секрет"], (await agent.InvokeAsync<IReadOnlyList<ConversationNote>>("GetNotes", session.ConversationId)).Select(n => n.Text));
    }

    [Fact]
    public async Task An_attached_screenshot_is_stored_sniffed_and_served_so_the_visitor_sees_it_and_it_never_runs_as_a_page()
    {
        var (session, visitor, _, visitorMessages) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Где кнопка?"));
        var cookies = await TestClients.SignInAgentAsync(Server, "cc.ivanova");
        using var http = TestClients.Http(Server, cookies);
        var agent = TestClients.AgentConnection(Server, cookies);
        await using var _ = agent;
        await agent.StartAsync();

        var uploaded = await UploadAsync(http, "../../screen shot.html.png", Png);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var reference = (await uploaded.Content.ReadFromJsonAsync<AttachmentRef>(TestClients.Json))!;
        var sent = await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Вот здесь", [reference.Id]));

        var received = await visitorMessages.WaitForAsync(m => m.Id == sent.Message.Id);
        var attachment = Assert.Single(received.Attachments!);
        Assert.Equal(("image/png", "screen shot.html.png"), (attachment.ContentType, attachment.FileName));
        using var anonymous = TestClients.Http(Server);
        var served = await anonymous.GetAsync(new Uri(attachment.Url, UriKind.Relative));
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", served.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_saved_answer_carries_its_help_centre_and_video_links_in_the_language_asked()
    {
        var (agent, _) = await clients.AgentAsync("m.petrov");

        var ru = await agent.InvokeAsync<IReadOnlyList<SavedAnswer>>("GetSavedAnswers", "ru");
        var en = await agent.InvokeAsync<IReadOnlyList<SavedAnswer>>("GetSavedAnswers", "en");

        var export = Assert.Single(ru, a => a.Shortcut == "export");
        Assert.Contains("https://help.example.com/integrations/1c", export.Text, StringComparison.Ordinal);
        Assert.Contains("https://video.example.com/1c-export", export.Text, StringComparison.Ordinal);
        Assert.Equal("Export to 1C", Assert.Single(en, a => a.Shortcut == "export").Title);
    }

    [Fact]
    public async Task A_transfer_gives_the_conversation_to_a_colleague_and_an_unknown_login_is_refused_on_its_field()
    {
        var (session, visitor, _, _) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Вопрос по договору"));
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var (colleague, _) = await clients.AgentAsync("m.smirnova");
        var updates = colleague.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));

        var unknown = await Assert.ThrowsAsync<HubException>(() =>
            agent.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(session.ConversationId, "no.body", null)));
        var summary = await agent.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(session.ConversationId, "m.smirnova", null));

        Assert.Equal(ErrorCodes.StaffNotFound, ErrorCodes.Parse(unknown.Message));
        Assert.Equal([("toLogin", ErrorCodes.StaffNotFound)], ErrorCodes.ParseFields(unknown.Message));
        Assert.Equal(("m.smirnova", "current-clients"), (summary.AssignedTo, summary.Department));
        await updates.WaitForAsync(u => u.Id == session.ConversationId && u.AssignedTo == "m.smirnova");
    }

    [Fact]
    public async Task An_agent_who_gave_a_conversation_away_may_no_longer_close_or_transfer_it_and_sees_it_go_live()
    {
        var (session, visitor, _, _) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Нужен счёт"));
        var (petrov, _) = await clients.AgentAsync("m.petrov");
        var (smirnova, _) = await clients.AgentAsync("m.smirnova");
        var (orlov, _) = await clients.AgentAsync("s.orlov");
        var seenByPetrov = petrov.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));
        await petrov.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Сейчас выставим"));
        await petrov.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(session.ConversationId, "m.smirnova", null));
        await seenByPetrov.WaitForAsync(u => u.Id == session.ConversationId && u.AssignedTo == "m.smirnova");

        var close = await Assert.ThrowsAsync<HubException>(() =>
            petrov.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, 0)));
        var transfer = await Assert.ThrowsAsync<HubException>(() =>
            petrov.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(session.ConversationId, "m.petrov", null)));
        var back = await smirnova.InvokeAsync<ConversationSummary>("TransferConversation", new TransferRequest(session.ConversationId, null, "current-clients"));
        var closed = await orlov.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, 0));

        Assert.Equal([ErrorCodes.NotAssignee, ErrorCodes.NotAssignee], new[] { close, transfer }.Select(e => ErrorCodes.Parse(e.Message)));
        Assert.Null(back.AssignedTo);
        Assert.Equal(ConversationStatus.Closed, closed.Conversation.Status);
        await seenByPetrov.WaitForAsync(u => u.Id == session.ConversationId && u.Status == ConversationStatus.Closed);
    }

    [Fact]
    public async Task Closed_requests_count_for_the_company_and_the_panel_recommends_training_once_both_thresholds_are_crossed()
    {
        var (agent, _) = await clients.AgentAsync("m.petrov");
        var closings = new List<ClosedConversation>();
        CompanyLoad? load = null;
        foreach (var preparation in new[] { 20, 25 })
        {
            var (session, visitor, _, _) = await clients.VisitorAsync();
            await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Помогите с отчётом"));
            await visitor.IdentifyAsync("10001", phone: "8 (916) 123-45-67");
            await agent.InvokeAsync<SendResult>("SendMessage", new AgentSend(session.ConversationId, Guid.NewGuid(), "Сейчас покажу"));
            closings.Add(await agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, preparation)));
            load = await agent.InvokeAsync<CompanyLoad?>("GetCompanyLoad", session.ConversationId);
            Assert.Equal(closings.Count == 2, load!.ReferToTraining);
        }

        Assert.All(closings, c => Assert.Equal((ConversationStatus.Closed, "ООО «Ромашка»"), (c.Conversation.Status, c.Company)));
        Assert.Equal(("ООО «Ромашка»", 2, "training"), (load!.Company, load.Requests, load.TrainingDepartment));
        Assert.True(load.Minutes >= 45);
    }

    [Fact]
    public async Task A_preparation_time_out_of_range_is_refused()
    {
        var (session, visitor, _, _) = await clients.VisitorAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Алло"));
        var (agent, _) = await clients.AgentAsync("m.petrov");

        var error = await Assert.ThrowsAsync<HubException>(() =>
            agent.InvokeAsync<ClosedConversation>("CloseConversation", new CloseRequest(session.ConversationId, -5)));

        Assert.Equal(ErrorCodes.InvalidArgument, ErrorCodes.Parse(error.Message));
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string fileName, byte[] content, string claimedType = "image/png")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        form.Add(file, "file", fileName);
        return await http.PostAsync(new Uri("/api/agent/attachments", UriKind.Relative), form);
    }

    [Fact]
    public async Task The_inbox_line_carries_the_topic_of_the_visitors_latest_recognised_message()
    {
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var inbox = agent.Record<ConversationSummary>(nameof(IAgentClient.ConversationUpdated));
        var (session, visitor, _, _) = await clients.VisitorAsync();

        async Task<string?> TopicAfterAsync(string text)
        {
            var sent = await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), text));
            return (await inbox.WaitForAsync(s => s.Id == session.ConversationId && s.LastSequence == sent.Message.Sequence)).Topic;
        }

        Assert.Null(await TopicAfterAsync("Здравствуйте"));
        Assert.Equal("errors", await TopicAfterAsync("У нас не работает телефония, звонки не проходят"));
        Assert.Equal("errors", await TopicAfterAsync("Спасибо, жду"));
        Assert.Equal("prices", await TopicAfterAsync("И сколько стоит тариф Бизнес?"));
        Assert.Equal("prices", (await agent.InvokeAsync<IReadOnlyList<ConversationSummary>>("GetInbox")).Single(s => s.Id == session.ConversationId).Topic);
    }

    [Fact]
    public async Task A_redirect_answers_with_the_policys_ready_message_in_the_visitors_language_once()
    {
        using var http = TestClients.Http(Server);
        var started = await http.PostAsJsonAsync(HubPaths.VisitorSessions, new VisitorSessionRequest("Emma", "en", null), TestClients.Json);
        var session = (await started.Content.ReadFromJsonAsync<VisitorSession>(TestClients.Json))!;
        var visitor = TestClients.VisitorConnection(Server, session.Token);
        await using var _ = visitor;
        var received = visitor.Record<ChatMessage>(nameof(IVisitorClient.MessageReceived));
        await visitor.StartAsync();
        await visitor.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "How do I call your API from PHP?"));
        var (agent, _) = await clients.AgentAsync("cc.ivanova");
        var request = new RedirectRequest(session.ConversationId, Guid.NewGuid(), "api");

        var sent = await agent.InvokeAsync<SendResult>("RedirectConversation", request);
        var again = await agent.InvokeAsync<SendResult>("RedirectConversation", request);
        var noAnswer = await agent.InvokeAsync<SendResult>("RedirectConversation", new RedirectRequest(session.ConversationId, Guid.NewGuid(), RedirectRequest.NoAnswer));

        Assert.Equal((SenderKind.Agent, "Анна Иванова"), (sent.Message.Sender, sent.Message.SenderName));
        Assert.Contains("support@example.com", sent.Message.Text, StringComparison.Ordinal);
        Assert.Contains("technical support", sent.Message.Text, StringComparison.Ordinal);
        Assert.Equal((sent.Message.Id, true), (again.Message.Id, again.Duplicate));
        Assert.Contains("community", noAnswer.Message.Text, StringComparison.Ordinal);
        Assert.Equal(sent.Message.Text, (await received.WaitForAsync(m => m.Id == sent.Message.Id)).Text);
        foreach (var topic in new[] { "prices", "nonsense", null })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() =>
                agent.InvokeAsync<SendResult>("RedirectConversation", new RedirectRequest(session.ConversationId, Guid.NewGuid(), topic)));
            Assert.Equal(ErrorCodes.InvalidArgument, ErrorCodes.Parse(refused.Message));
        }
    }
}

/// <summary>Who may upload, and what is refused however it is named.</summary>
[Trait("Area", "Security")]
public sealed class AttachmentSecurityTests(EmbeddedServerFixture fixture) : IClassFixture<EmbeddedServerFixture>
{
    private Uri Server => fixture.Server.BaseAddress;

    [Theory]
    [InlineData("evil.png", "<!doctype html><script>alert(1)</script>")]
    [InlineData("diagram.png", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("photo.jpg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    public async Task Html_or_svg_disguised_as_an_image_is_refused(string fileName, string content)
    {
        using var http = TestClients.Http(Server, await TestClients.SignInAgentAsync(Server));

        var response = await ConsoleFeatureTests.UploadAsync(http, fileName, Encoding.UTF8.GetBytes(content));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains(ErrorCodes.UnsupportedAttachment, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_the_console_cookie_is_refused()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        using var http = TestClients.Http(Server);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);

        var response = await ConsoleFeatureTests.UploadAsync(http, "a.png", ConsoleFeatureTests.Png);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_file_above_the_size_limit_is_refused()
    {
        using var http = TestClients.Http(Server, await TestClients.SignInAgentAsync(Server));
        var big = new byte[6_000_000];
        ConsoleFeatureTests.Png.CopyTo(big, 0);

        var response = await ConsoleFeatureTests.UploadAsync(http, "big.png", big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
