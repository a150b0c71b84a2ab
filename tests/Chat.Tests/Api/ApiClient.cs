using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Chat.Contracts;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>A refusal as the API sends it (RFC 9457 problem details with the stable code).</summary>
public sealed record Problem(int Status, string Code, string Title, IReadOnlyList<ProblemField> Errors);

public sealed record ProblemField(string Field, string Code, string Message);

/// <summary>An answer: the status, and the value or the problem.</summary>
public sealed record ApiAnswer<T>(HttpStatusCode Status, T? Value, Problem? Problem, HttpResponseMessage Response)
{
    public T Ok(HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(Status == expected, $"expected {expected}, got {Status} {Problem?.Code}: {Problem?.Title}");
        return Value!;
    }

    public Problem Refused(HttpStatusCode status, string code)
    {
        Assert.True(Status == status && Problem?.Code == code, $"expected {status} {code}, got {Status} {Problem?.Code}: {Problem?.Title}");
        Assert.Equal("application/problem+json", Response.Content.Headers.ContentType?.MediaType);
        return Problem!;
    }
}

/// <summary>The typed client of docs/openapi.json: one method per operation, with an API key (or none).</summary>
public sealed class ApiClient(Uri server, string? key) : IDisposable
{
    private readonly HttpClient http = Authorised(server, key);

    /// <summary>A client of <paramref name="server"/> that sends <paramref name="key"/> as <c>Authorization: Bearer</c> (none: no header).</summary>
    public static HttpClient Authorised(Uri server, string? key)
    {
        var http = TestClients.Http(server);
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    public Task<ApiAnswer<ConversationPage>> ListConversationsAsync(string query = "") => GetAsync<ConversationPage>($"conversations{query}");

    public Task<ApiAnswer<ConversationSummary>> GetConversationAsync(string id) => GetAsync<ConversationSummary>($"conversations/{id}");

    public Task<ApiAnswer<ResumeResult>> GetMessagesAsync(string id, string query = "") => GetAsync<ResumeResult>($"conversations/{id}/messages{query}");

    public Task<ApiAnswer<SendResult>> PostMessageAsync(string id, string? idempotencyKey, string json) =>
        SendAsync<SendResult>(HttpMethod.Post, $"conversations/{id}/messages", json, idempotencyKey);

    public Task<ApiAnswer<SendResult>> PostMessageAsync(Guid id, string idempotencyKey, string text) =>
        PostMessageAsync(id.ToString(), idempotencyKey, Json(new PostMessageRequest(text)));

    public Task<ApiAnswer<IReadOnlyList<AccountDetails>>> FindAccountsAsync(string query) => GetAsync<IReadOnlyList<AccountDetails>>($"accounts{query}");

    public Task<ApiAnswer<AccountDetails>> CreateAccountAsync(string json) => SendAsync<AccountDetails>(HttpMethod.Post, "accounts", json);

    public Task<ApiAnswer<AccountDetails>> UpdateAccountAsync(string id, string json) => SendAsync<AccountDetails>(HttpMethod.Put, $"accounts/{Uri.EscapeDataString(id)}", json);

    public Task<ApiAnswer<IReadOnlyList<StaffDetails>>> ListStaffAsync() => GetAsync<IReadOnlyList<StaffDetails>>("staff");

    public Task<ApiAnswer<IReadOnlyList<HandoffCard>>> ListHandoffsAsync() => GetAsync<IReadOnlyList<HandoffCard>>("handoffs");

    public Task<ApiAnswer<HandoffCard>> AdvanceHandoffAsync(string id, string json) => SendAsync<HandoffCard>(HttpMethod.Post, $"handoffs/{id}/status", json);

    public Task<ApiAnswer<IReadOnlyList<DueItem>>> DueItemsAsync() => GetAsync<IReadOnlyList<DueItem>>("queue/due");

    public Task<ApiAnswer<ReportSet>> ReportsAsync(string query) => GetAsync<ReportSet>($"reports{query}");

    public static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, TestClients.Json);

    private async Task<ApiAnswer<T>> GetAsync<T>(string path) => await ReadAsync<T>(await http.GetAsync($"{HubPaths.Api}/{path}"));

    private async Task<ApiAnswer<T>> SendAsync<T>(HttpMethod method, string path, string json, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, $"{HubPaths.Api}/{path}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add(HubPaths.IdempotencyKeyHeader, idempotencyKey);
        }

        return await ReadAsync<T>(await http.SendAsync(request));
    }

    public static async Task<ApiAnswer<T>> ReadAsync<T>(HttpResponseMessage response) =>
        response.IsSuccessStatusCode
            ? new ApiAnswer<T>(response.StatusCode, await response.Content.ReadFromJsonAsync<T>(TestClients.Json), null, response)
            : new ApiAnswer<T>(response.StatusCode, default, response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<Problem>(TestClients.Json), response);

    public void Dispose() => http.Dispose();
}

/// <summary>The admin's side: API keys made and revoked with the admin key.</summary>
public static class ApiKeys
{
    public static async Task<CreatedApiKey> CreateAsync(Uri server, string staffLogin, params string[] scopes)
    {
        using var admin = TestClients.Http(server);
        admin.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, Handoff.HandoffSettings.AdminKey);
        var response = await admin.PostAsJsonAsync(HubPaths.AdminApiKeys, new ApiKeyRequest($"test {Guid.NewGuid():N}", staffLogin, scopes.Length == 0 ? [.. ApiScopes.All] : scopes), TestClients.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreatedApiKey>(TestClients.Json))!;
    }

    public static async Task RevokeAsync(Uri server, Guid id)
    {
        using var admin = TestClients.Http(server);
        admin.DefaultRequestHeaders.Add(HubPaths.AdminKeyHeader, Handoff.HandoffSettings.AdminKey);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"{HubPaths.AdminApiKeys}/{id}")).StatusCode);
    }
}
