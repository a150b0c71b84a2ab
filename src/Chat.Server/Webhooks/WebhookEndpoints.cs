using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Api;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Server.Webhooks;

/// <summary><c>/api/admin/webhooks</c>: an administrator subscribes URLs to events, follows their deliveries, pauses, resumes and redelivers.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(HubPaths.AdminWebhooks).AddEndpointFilter(AdminAccess.RequireAdminAsync).WithTags("Webhooks")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet(string.Empty, async Task<Ok<IReadOnlyList<WebhookInfo>>> (IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ListWebhooks(), cancellationToken))).WithSummary("Every webhook subscription, without secrets.");
        admin.MapPost(string.Empty, async Task<Created<CreatedWebhook>> (HttpContext context, ApiRequests requests, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var request = await requests.ReadAsync<WebhookRequest>(context.Request, cancellationToken);
            var created = await mediator.Send(new CreateWebhook(request.Url, request.Events, request.Description, AdminAccess.Actor(context)), cancellationToken);
            return TypedResults.Created($"{HubPaths.AdminWebhooks}/{created.Webhook.Id}", created);
        }).Accepts<WebhookRequest>("application/json").WithSummary("Subscribes a URL to events; the answer holds the signing secret, shown this once.");
        admin.MapPost("/{id}/pause", async Task<Ok<WebhookInfo>> (string id, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new SetWebhookPaused(ApiRequests.Id(id, nameof(id)), true), cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Pauses deliveries; the events wait.");
        admin.MapPost("/{id}/resume", async Task<Ok<WebhookInfo>> (string id, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new SetWebhookPaused(ApiRequests.Id(id, nameof(id)), false), cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Resumes deliveries from where they stopped.");
        admin.MapDelete("/{id}", async Task<Ok<WebhookInfo>> (string id, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new DeleteWebhook(ApiRequests.Id(id, nameof(id))), cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Deletes a subscription.");
        admin.MapGet("/{id}/deliveries", async Task<Ok<IReadOnlyList<WebhookDeliveryInfo>>> (string id, string? limit, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ListWebhookDeliveries(ApiRequests.Id(id, nameof(id)), ApiRequests.Number(limit, nameof(limit)) ?? 50), cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("The latest deliveries (limit, default 50, at most 500), newest first.");
        admin.MapPost("/{id}/deliveries/{eventId}/redeliver", async Task<Ok<WebhookDeliveryInfo>> (string id, string eventId, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new RedeliverWebhookEvent(ApiRequests.Id(id, nameof(id)), ApiRequests.Id(eventId, nameof(eventId))), cancellationToken)))
            .ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Sends one event again now, with the same event id.");
        return endpoints;
    }
}
