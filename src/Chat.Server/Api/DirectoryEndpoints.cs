using System.Security.Claims;
using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Handoff;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Reports;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary><c>/api/v1</c> accounts, staff, handoffs, the due list and the reports: each through the handler the import or the console uses.</summary>
public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder api)
    {
        var accounts = ApiExtensions.ScopePolicy(ApiScopes.AccountsManage);
        api.MapGet("/accounts", async Task<Ok<IReadOnlyList<AccountDetails>>> (string? id, string? name, string? phone, string? email, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new FindAccounts(id, name, phone, email), cancellationToken)))
            .RequireAuthorization(accounts).WithTags("Accounts").WithSummary("Accounts by exactly one of id, name, phone and email.");
        api.MapPost("/accounts", async Task<Created<AccountDetails>> (HttpRequest request, ApiRequests requests, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var account = await mediator.Send(new SaveAccount(await requests.ReadAsync<AccountRow>(request, cancellationToken), Create: true), cancellationToken);
            return TypedResults.Created($"{HubPaths.Api}/accounts?id={Uri.EscapeDataString(account.Id)}", account);
        }).RequireAuthorization(accounts).WithTags("Accounts").Accepts<AccountRow>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates an account, under the import's rules.");
        api.MapPut("/accounts/{id}", async Task<Ok<AccountDetails>> (string id, HttpRequest request, ApiRequests requests, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var row = await requests.ReadAsync<AccountRow>(request, cancellationToken);
            if (row.Id is not null && AccountKeys.Normalise(row.Id) != AccountKeys.Normalise(id))
            {
                throw ApiRequests.Refuse(ErrorCodes.InvalidArgument, "id", "The body's id differs from the path's; an account's id does not change.");
            }

            return TypedResults.Ok(await mediator.Send(new SaveAccount(row with { Id = id }, Create: false), cancellationToken));
        }).RequireAuthorization(accounts).WithTags("Accounts").Accepts<AccountRow>("application/json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Replaces an account, under the import's rules.");

        api.MapGet("/staff", async Task<Ok<IReadOnlyList<StaffDetails>>> (IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ListStaff(), cancellationToken)))
            .RequireAuthorization(ApiExtensions.ScopePolicy(ApiScopes.StaffRead)).WithTags("Staff").WithSummary("Every staff member.");

        api.MapGet("/handoffs", async Task<Ok<IReadOnlyList<HandoffCard>>> (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetHandoffs(Caller.From(user)), cancellationToken)))
            .RequireAuthorization(ApiExtensions.ScopePolicy(ApiScopes.HandoffsRead)).WithTags("Handoffs")
            .WithSummary("The open handoffs the key's staff member sees.");
        api.MapPost("/handoffs/{id}/status", async Task<Ok<HandoffCard>> (
            string id, HttpRequest request, ClaimsPrincipal user, ApiRequests requests, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var handoffId = ApiRequests.Id(id, nameof(id));
            var change = await requests.ReadAsync<HandoffStatusRequest>(request, cancellationToken);
            return TypedResults.Ok(await mediator.Send(new AdvanceHandoff(Caller.From(user), handoffId, change.Status, change.Method), cancellationToken));
        }).RequireAuthorization(ApiExtensions.ScopePolicy(ApiScopes.HandoffsWrite)).WithTags("Handoffs").Accepts<HandoffStatusRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Moves a handoff on, as the key's staff member.");

        api.MapGet("/reports", async Task<Ok<ReportSet>> (
            string? from, string? to, string? channel, string? department, string? manager, string? company, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetReports(Caller.From(user), new ReportRequest(
                ApiRequests.Day(from, nameof(from)), ApiRequests.Day(to, nameof(to)), channel, department, manager, company)), cancellationToken)))
            .RequireAuthorization(ApiExtensions.ScopePolicy(ApiScopes.ReportsRead)).WithTags("Reports")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The reports' figures of a period (days in the policy's zone, both included); a manager's key sees only that manager's.");
        api.MapGet("/queue/due", async Task<Ok<IReadOnlyList<DueItem>>> (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetDueItems(Caller.From(user)), cancellationToken)))
            .RequireAuthorization(ApiExtensions.ScopePolicy(ApiScopes.QueueRead)).WithTags("Queue").WithSummary("The key's staff member's and their pool's items due today or overdue.");
        return api;
    }
}
