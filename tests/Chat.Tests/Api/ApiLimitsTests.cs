using System.Net;
using Chat.Contracts;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.Api;

/// <summary>Each key has its own rate limit; every call is logged with the key's id and never with the key.</summary>
[Trait("Area", "Api")]
public sealed class ApiLimitsTests
{
    [Fact]
    public async Task A_key_over_its_rate_limit_gets_rate_limited_while_another_key_goes_on_and_the_log_names_ids_not_secrets()
    {
        var log = new LogCapture();
        var settings = new Dictionary<string, string?>(HandoffSettings.Overrides)
        {
            ["Chat:Api:RequestsPerWindow"] = "3",
            ["Chat:Api:RateWindow"] = "00:10:00",
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose",
        };
        await using var server = await ChatServer.StartAsync(Backend.Embedded, settings, log.Register);
        var busy = await ApiKeys.CreateAsync(server.BaseAddress, "m.petrov", ApiScopes.StaffRead);
        var calm = await ApiKeys.CreateAsync(server.BaseAddress, "m.petrov", ApiScopes.StaffRead);
        using var api = new ApiClient(server.BaseAddress, busy.Secret);
        using var other = new ApiClient(server.BaseAddress, calm.Secret);

        for (var i = 0; i < 3; i++)
        {
            (await api.ListStaffAsync()).Ok();
        }

        var refused = await api.ListStaffAsync();
        refused.Refused(HttpStatusCode.TooManyRequests, ErrorCodes.RateLimited);
        Assert.True(refused.Response.Headers.RetryAfter is not null);
        (await other.ListStaffAsync()).Ok();

        Assert.Contains(log.Lines, line => line.Contains(busy.Key.Id.ToString(), StringComparison.Ordinal) && line.Contains("429", StringComparison.Ordinal));
        Assert.Contains(log.Lines, line => line.Contains(calm.Key.Id.ToString(), StringComparison.Ordinal) && line.Contains("200", StringComparison.Ordinal));
        Assert.Empty(log.Containing(busy.Secret));
        Assert.Empty(log.Containing(calm.Secret));
    }
}
