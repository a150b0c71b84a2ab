using Chat.Contracts;
using Chat.Server.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Chat.Server.Accounts;

public static class AccountExtensions
{
    /// <summary>The account import settings, the account rules and the admin API key.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountRules>();
        return services;
    }

    /// <summary>
    /// <c>POST /api/admin/accounts</c> and <c>POST /api/admin/staff</c>: a JSON array (<c>application/json</c>) or a
    /// CSV file (<c>text/csv</c>) of rows, upserted; the answer lists what changed and every refused row.
    /// </summary>
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(string.Empty).AddEndpointFilter(AdminAccess.RequireAdminOrSupervisorAsync).AddEndpointFilter(RequireJsonOrCsv);
        admin.MapPost(HubPaths.AdminAccounts, async (HttpRequest request, IMediator mediator, IOptions<JsonOptions> json, IOptions<AccountOptions> options, CancellationToken cancellationToken) =>
        {
            var rows = IsCsv(request)
                ? await ImportRows.ReadCsvAsync(request.Body, cell => new AccountRow(
                    cell("id"), cell("name"), cell("company"), cell("tariff"), cell("manager"), cell("dedicatedManager"),
                    ImportRows.List(cell("phones")), ImportRows.List(cell("emails"))), cancellationToken)
                : await ImportRows.ReadJsonAsync<AccountRow>(request.Body, json.Value.SerializerOptions, cancellationToken);
            return Results.Ok(await mediator.Send(new ImportAccounts(Limit(rows, options.Value)), cancellationToken));
        });
        admin.MapPost(HubPaths.AdminStaff, async (HttpRequest request, IMediator mediator, IOptions<JsonOptions> json, IOptions<AccountOptions> options, CancellationToken cancellationToken) =>
        {
            var rows = IsCsv(request)
                ? await ImportRows.ReadCsvAsync(request.Body, cell => new StaffRow(
                    cell("login"), cell("name"), cell("department"), cell("role"), cell("shiftStart"), cell("shiftEnd"),
                    cell("active") is { Length: > 0 } active ? bool.TryParse(active, out var on) ? on : active is "1" or "yes" : null,
                    cell("password")), cancellationToken)
                : await ImportRows.ReadJsonAsync<StaffRow>(request.Body, json.Value.SerializerOptions, cancellationToken);
            return Results.Ok(await mediator.Send(new ImportStaff(Limit(rows, options.Value)), cancellationToken));
        });
        return endpoints;
    }

    private static bool IsCsv(HttpRequest request) =>
        request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;

    private static IReadOnlyList<NumberedRow<T>> Limit<T>(IReadOnlyList<NumberedRow<T>> rows, AccountOptions options) =>
        rows.Count <= options.MaxImportRows ? rows
            : throw new ChatException(ErrorCodes.InvalidArgument, $"One import holds at most {options.MaxImportRows} rows; split the file.");

    /// <summary>
    /// Only <c>application/json</c> or <c>text/csv</c>: a browser form cannot send either cross-site without a CORS
    /// preflight, so a forged form post (<c>text/plain</c> holding a JSON array) never reaches the import.
    /// </summary>
    private static ValueTask<object?> RequireJsonOrCsv(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.HasJsonContentType() || IsCsv(context.HttpContext.Request) ? next(context)
            : throw new ChatException(ErrorCodes.InvalidArgument, "Send the rows as application/json or text/csv.");
}
