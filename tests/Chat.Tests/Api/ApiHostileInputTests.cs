using System.Net;
using System.Net.Http.Json;
using System.Text;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Tests.Api;

/// <summary>What the API refuses, each with its code, and that a refused call stores nothing; on each backend.</summary>
public abstract class ApiHostileInputTests(ServerFixture fixture)
{
    private Uri Server => fixture.Server.BaseAddress;

    private async Task<Guid> ConversationAsync()
    {
        var session = await TestClients.StartVisitorSessionAsync(Server);
        await using var hub = TestClients.VisitorConnection(Server, session.Token);
        await hub.StartAsync();
        await hub.InvokeAsync<SendResult>("SendMessage", new VisitorSend(Guid.NewGuid(), "Здравствуйте"));
        return session.ConversationId;
    }

    private static string AccountJson(string id) => ApiClient.Json(new AccountRow(id, $"Имя {id}", null, "business", null, null, null, null));

    [Fact]
    public async Task No_key_an_unknown_key_and_a_revoked_key_are_refused_and_a_key_without_the_scope_stores_nothing()
    {
        using var anonymous = new ApiClient(Server, null);
        (await anonymous.ListStaffAsync()).Refused(HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        using var unknown = new ApiClient(Server, "chat_" + new string('x', 43));
        (await unknown.ListStaffAsync()).Refused(HttpStatusCode.Unauthorized, ErrorCodes.InvalidApiKey);

        var key = await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.StaffRead, ApiScopes.ConversationsRead);
        using var api = new ApiClient(Server, key.Secret);
        (await api.ListStaffAsync()).Ok();
        var id = $"scope-{Guid.NewGuid():N}"[..16];
        var scope = (await api.CreateAccountAsync(AccountJson(id))).Refused(HttpStatusCode.Forbidden, ErrorCodes.InsufficientScope);
        Assert.Contains(ApiScopes.AccountsManage, scope.Title, StringComparison.Ordinal);
        var conversation = await ConversationAsync();
        (await api.PostMessageAsync(conversation, "k1", "Ответ")).Refused(HttpStatusCode.Forbidden, ErrorCodes.InsufficientScope);
        Assert.Single((await api.GetMessagesAsync(conversation.ToString())).Ok().Messages);
        (await api.DueItemsAsync()).Refused(HttpStatusCode.Forbidden, ErrorCodes.InsufficientScope);
        using var manager = new ApiClient(Server, (await ApiKeys.CreateAsync(Server, "s.orlov", ApiScopes.AccountsManage)).Secret);
        Assert.Empty((await manager.FindAccountsAsync($"?id={id}")).Ok());

        await ApiKeys.RevokeAsync(Server, key.Key.Id);
        (await api.ListStaffAsync()).Refused(HttpStatusCode.Unauthorized, ErrorCodes.InvalidApiKey);
    }

    [Fact]
    public async Task A_replayed_idempotency_key_with_another_body_or_conversation_is_refused_and_stores_nothing()
    {
        using var api = new ApiClient(Server, (await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.MessagesWrite, ApiScopes.ConversationsRead)).Secret);
        var conversation = await ConversationAsync();
        var other = await ConversationAsync();
        (await api.PostMessageAsync(conversation, "order-42", "Первый ответ")).Ok(HttpStatusCode.Created);

        var reused = (await api.PostMessageAsync(conversation, "order-42", "Другой ответ")).Refused(HttpStatusCode.Conflict, ErrorCodes.IdempotencyKeyReused);
        Assert.Equal(HubPaths.IdempotencyKeyHeader, Assert.Single(reused.Errors).Field);
        (await api.PostMessageAsync(other, "order-42", "Первый ответ")).Refused(HttpStatusCode.Conflict, ErrorCodes.IdempotencyKeyReused);
        (await api.PostMessageAsync(conversation.ToString(), null, ApiClient.Json(new PostMessageRequest("Без ключа")))).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);

        Assert.Equal(2, (await api.GetMessagesAsync(conversation.ToString())).Ok().Messages.Count);
        Assert.Single((await api.GetMessagesAsync(other.ToString())).Ok().Messages);
    }

    [Fact]
    public async Task Unknown_fields_missing_fields_oversized_bodies_and_malformed_ids_are_refused_with_their_code_and_store_nothing()
    {
        using var api = new ApiClient(Server, (await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.MessagesWrite, ApiScopes.ConversationsRead, ApiScopes.AccountsManage, ApiScopes.HandoffsWrite)).Secret);
        var conversation = await ConversationAsync();

        var unknown = (await api.PostMessageAsync(conversation.ToString(), "u1", """{"text":"Привет","sender":"Visitor"}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.UnknownField);
        Assert.Equal(("sender", ErrorCodes.UnknownField), (Assert.Single(unknown.Errors).Field, unknown.Errors[0].Code));
        (await api.PostMessageAsync(conversation.ToString(), "u2", """{}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.PostMessageAsync(conversation.ToString(), "u3", """{"text":null}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.PostMessageAsync(conversation.ToString(), "u4", "{\"text\":")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.PostMessageAsync(conversation.ToString(), "u5", """{"text":"   "}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.EmptyMessage);
        (await api.PostMessageAsync(conversation.ToString(), "u6", ApiClient.Json(new PostMessageRequest(new string('a', 70_000)))))
            .Refused(HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
        (await api.PostMessageAsync(conversation.ToString(), "u7", ApiClient.Json(new PostMessageRequest(new string('a', 5000)))))
            .Refused(HttpStatusCode.BadRequest, ErrorCodes.MessageTooLong);
        (await api.PostMessageAsync("not-a-guid", "u8", ApiClient.Json(new PostMessageRequest("Привет")))).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.PostMessageAsync(Guid.NewGuid(), "u9", "Привет")).Refused(HttpStatusCode.NotFound, ErrorCodes.ConversationNotFound);
        Assert.Single((await api.GetMessagesAsync(conversation.ToString())).Ok().Messages);

        // A body that is streamed (no Content-Length) is cut at the limit too.
        using var streamed = TestClients.Http(Server);
        streamed.DefaultRequestHeaders.Authorization = new("Bearer", (await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.AccountsManage)).Secret);
        var chunked = new PushStreamContent(new string(' ', 100_000) + AccountJson("streamed-1"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await streamed.PostAsync($"{HubPaths.Api}/accounts", chunked)).StatusCode);

        var malformed = (await api.GetConversationAsync("123")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Equal("id", Assert.Single(malformed.Errors).Field);
        (await api.GetMessagesAsync(conversation.ToString(), "?afterSequence=-1")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.GetMessagesAsync(conversation.ToString(), "?limit=100000")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.ListConversationsAsync("?cursor=zzz")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.ListConversationsAsync("?status=archived")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.ListConversationsAsync("?channel=fax")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.AdvanceHandoffAsync("x", """{"status":"Read"}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        (await api.AdvanceHandoffAsync(Guid.NewGuid().ToString(), """{"status":"Read","note":"x"}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.UnknownField);

        var id = $"hostile-{Guid.NewGuid():N}"[..18];
        (await api.CreateAccountAsync(AccountJson(id)[..^1] + ""","extra":1}""")).Refused(HttpStatusCode.BadRequest, ErrorCodes.UnknownField);
        (await api.CreateAccountAsync(ApiClient.Json(new AccountRow(id, "<script>", null, "business", null, null, null, null)))).Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        Assert.Empty((await api.FindAccountsAsync($"?id={id}")).Ok());
        Assert.Empty((await api.FindAccountsAsync("?id=streamed-1")).Ok());
    }

    [Fact]
    public async Task Only_an_administrator_makes_or_revokes_keys_and_the_secret_is_shown_once()
    {
        using var admin = TestClients.Http(Server);
        admin.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, HandoffSettings.AdminKey);
        var created = await ApiKeys.CreateAsync(Server, "m.petrov", ApiScopes.StaffRead);
        Assert.StartsWith("chat_", created.Secret, StringComparison.Ordinal);
        var listed = await (await admin.GetAsync(HubPaths.AdminApiKeys)).Content.ReadAsStringAsync();
        Assert.Contains(created.Key.Id.ToString(), listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, listed, StringComparison.Ordinal);

        var bad = await ApiClient.ReadAsync<CreatedApiKey>(await admin.PostAsJsonAsync(HubPaths.AdminApiKeys, new ApiKeyRequest("x", "m.petrov", ["everything"]), TestClients.Json));
        bad.Refused(HttpStatusCode.BadRequest, ErrorCodes.InvalidArgument);
        var nobody = await ApiClient.ReadAsync<CreatedApiKey>(await admin.PostAsJsonAsync(HubPaths.AdminApiKeys, new ApiKeyRequest("x", "no.such.login", [ApiScopes.StaffRead]), TestClients.Json));
        nobody.Refused(HttpStatusCode.BadRequest, ErrorCodes.StaffNotFound);
        (await ApiClient.ReadAsync<ApiKeyInfo>(await admin.DeleteAsync($"{HubPaths.AdminApiKeys}/{Guid.NewGuid()}"))).Refused(HttpStatusCode.NotFound, ErrorCodes.ApiKeyNotFound);

        using var supervisor = TestClients.Http(Server, await TestClients.SignInAgentAsync(Server, "s.orlov"));
        (await ApiClient.ReadAsync<CreatedApiKey>(await supervisor.PostAsJsonAsync(HubPaths.AdminApiKeys, new ApiKeyRequest("x", "m.petrov", [ApiScopes.StaffRead]), TestClients.Json)))
            .Refused(HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        using var nobodyAtAll = TestClients.Http(Server);
        (await ApiClient.ReadAsync<ApiKeyInfo>(await nobodyAtAll.DeleteAsync($"{HubPaths.AdminApiKeys}/{created.Key.Id}"))).Refused(HttpStatusCode.Unauthorized, ErrorCodes.Unauthenticated);
        using var api = new ApiClient(Server, created.Secret);
        (await api.ListStaffAsync()).Ok();
    }

    /// <summary>A body sent without Content-Length, as a stream.</summary>
    private sealed class PushStreamContent : HttpContent
    {
        private readonly byte[] bytes;

        public PushStreamContent(string text)
        {
            bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) => await stream.WriteAsync(bytes);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

[Trait("Area", "Api")]
public sealed class EmbeddedApiHostileInputTests(EmbeddedHandoffFixture fixture) : ApiHostileInputTests(fixture), IClassFixture<EmbeddedHandoffFixture>;

[Trait("Area", "Api")]
public sealed class RedisPostgresApiHostileInputTests(RedisPostgresHandoffFixture fixture) : ApiHostileInputTests(fixture), IClassFixture<RedisPostgresHandoffFixture>;
