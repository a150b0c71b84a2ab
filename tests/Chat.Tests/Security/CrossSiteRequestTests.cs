using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Security;

/// <summary>
/// Cross-site request forgery against the console: the cookie is SameSite=Strict, a foreign Origin is refused on
/// /api, and the state-changing endpoints take only JSON (or CSV for imports), which a form cannot send cross-site.
/// </summary>
[Trait("Area", "Security")]
public sealed class CrossSiteRequestTests(EmbeddedHandoffFixture fixture) : IClassFixture<EmbeddedHandoffFixture>
{
    private const string Evil = "https://evil.example";

    private Uri Server => fixture.Server.BaseAddress;

    [Fact]
    public async Task A_cross_site_form_post_to_the_sign_in_is_refused_and_signs_nobody_in()
    {
        var cookies = new CookieContainer();
        using var http = TestClients.Http(Server, cookies);

        using var foreign = await http.SendAsync(FormPost(HubPaths.AgentSignIn, "login=m.petrov&password=demo", Evil));
        using var originless = await http.SendAsync(FormPost(HubPaths.AgentSignIn, "login=m.petrov&password=demo", origin: null));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(ErrorCodes.ForbiddenOrigin, (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, originless.StatusCode);
        Assert.Empty(cookies.GetAllCookies());
    }

    [Fact]
    public async Task A_form_post_cannot_import_even_with_an_administrators_session()
    {
        var cookies = await TestClients.SignInAgentAsync(Server, "s.orlov");
        using var http = TestClients.Http(Server, cookies);
        const string JsonArrayAsText = """[{"id":"66601","name":"Forged","tariff":"start"}]""";

        using var textPlain = await http.SendAsync(FormPost(HubPaths.AdminAccounts, JsonArrayAsText, origin: null, "text/plain"));
        using var urlEncoded = await http.SendAsync(FormPost(HubPaths.AdminAccounts, "id=66602&name=Forged", origin: null));
        using var crossSite = await http.SendAsync(FormPost(HubPaths.AdminAccounts, JsonArrayAsText, Evil, "text/plain"));
        using var genuine = await http.PostAsJsonAsync(HubPaths.AdminAccounts, Array.Empty<AccountRow>(), TestClients.Json);

        Assert.Equal(HttpStatusCode.BadRequest, textPlain.StatusCode);
        Assert.Equal(ErrorCodes.InvalidArgument, (await textPlain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, urlEncoded.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task The_console_cookie_is_http_only_and_same_site_strict()
    {
        using var http = TestClients.Http(Server);

        using var response = await http.PostAsJsonAsync(HubPaths.AgentSignIn, new AgentSignInRequest("m.petrov", "demo"), TestClients.Json);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("chat.agent=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpRequestMessage FormPost(string path, string body, string? origin, string contentType = "application/x-www-form-urlencoded")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }
}
