using System.Text.Json;
using System.Text.Json.Nodes;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>
/// docs/openapi.json is the document the server serves at /openapi/v1.json; after changing the API, rewrite it with
/// <c>CHAT_WRITE_OPENAPI=1 dotnet test tests/Chat.Tests --filter "FullyQualifiedName~OpenApiDocument"</c>.
/// </summary>
[Trait("Area", "Api")]
public sealed class OpenApiDocumentTests(EmbeddedHandoffFixture fixture) : IClassFixture<EmbeddedHandoffFixture>
{
    private const string WriteVariable = "CHAT_WRITE_OPENAPI";

    [Fact]
    public async Task The_committed_document_is_the_one_the_server_serves()
    {
        using var http = TestClients.Http(fixture.Server.BaseAddress);
        var served = Normalise(await http.GetStringAsync("/openapi/v1.json"));
        var path = Repository.PathOf("docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        var committed = File.Exists(path) ? await File.ReadAllTextAsync(path) : string.Empty;
        Assert.True(committed == served, $"docs/openapi.json differs from the served document; run with {WriteVariable}=1 and commit it.");
    }

    [Fact]
    public async Task The_document_covers_every_api_endpoint_with_its_scheme()
    {
        using var http = TestClients.Http(fixture.Server.BaseAddress);
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        string[] expected =
        [
            "/api/v1/conversations", "/api/v1/conversations/{id}", "/api/v1/conversations/{id}/messages", "/api/v1/accounts",
            "/api/v1/accounts/{id}", "/api/v1/staff", "/api/v1/handoffs", "/api/v1/handoffs/{id}/status", "/api/v1/queue/due", "/api/v1/reports",
            "/api/admin/api-keys", "/api/admin/api-keys/{id}", "/api/admin/webhooks", "/api/admin/webhooks/{id}", "/api/admin/webhooks/{id}/pause",
            "/api/admin/webhooks/{id}/resume", "/api/admin/webhooks/{id}/deliveries", "/api/admin/webhooks/{id}/deliveries/{eventId}/redeliver",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.Order(StringComparer.Ordinal));
        Assert.NotNull(document["components"]!["securitySchemes"]!["ApiKey"]);
    }

    /// <summary>Indented with a final line break, so the committed file diffs well.</summary>
    private static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
}
