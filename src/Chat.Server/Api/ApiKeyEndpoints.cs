using Chat.Contracts;
using Chat.Server.Accounts;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Api;

/// <summary><c>/api/admin/api-keys</c>: an administrator (the admin key or an Admin session) creates, lists and revokes API keys.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(HubPaths.AdminApiKeys).AddEndpointFilter(AdminAccess.RequireAdminAsync).WithTags("API keys")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet(string.Empty, async Task<Ok<IReadOnlyList<ApiKeyInfo>>> (IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ListApiKeys(), cancellationToken))).WithSummary("Every API key, without secrets.");
        admin.MapPost(string.Empty, async Task<Created<CreatedApiKey>> (HttpContext context, ApiRequests requests, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var request = await requests.ReadAsync<ApiKeyRequest>(context.Request, cancellationToken);
            var created = await mediator.Send(new CreateApiKey(request.Name, request.StaffLogin, request.Scopes, AdminAccess.Actor(context)), cancellationToken);
            return TypedResults.Created($"{HubPaths.AdminApiKeys}/{created.Key.Id}", created);
        }).Accepts<ApiKeyRequest>("application/json").WithSummary("Creates an API key; the answer holds its secret, shown this once.");
        admin.MapDelete("/{id}", async Task<Ok<ApiKeyInfo>> (string id, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new RevokeApiKey(ApiRequests.Id(id, nameof(id))), cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Revokes an API key at once.");
        return endpoints;
    }
}
