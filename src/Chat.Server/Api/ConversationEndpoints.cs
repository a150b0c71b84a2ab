using System.Security.Claims;
using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Server.Api;

/// <summary><c>/api/v1/conversations</c>: the conversations, their messages and the agent's reply.</summary>
public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        var read = ApiExtensions.ScopePolicy(ApiScopes.ConversationsRead);
        api = api.MapGroup(string.Empty).WithTags("Conversations");
        api.MapGet("/conversations", async Task<Ok<ConversationPage>> (
            string? status, string? channel, string? assignee, string? account, string? cursor, string? limit, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ListConversations(
                ApiRequests.Enum<ConversationStatus>(status, nameof(status)), channel, assignee, account,
                ApiRequests.OptionalId(cursor, nameof(cursor)), ApiRequests.Number(limit, nameof(limit))), cancellationToken)))
            .RequireAuthorization(read).WithSummary("Conversations, newest first, filtered and a page at a time.");
        api.MapGet("/conversations/{id}", async Task<Ok<ConversationSummary>> (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new GetConversation(Caller.From(user), ApiRequests.Id(id, nameof(id))), cancellationToken)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One conversation.");
        api.MapGet("/conversations/{id}/messages", async Task<Ok<ResumeResult>> (
            string id, string? afterSequence, string? limit, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
            TypedResults.Ok(await mediator.Send(new ResumeConversation(Caller.From(user), ApiRequests.Id(id, nameof(id)),
                ApiRequests.Sequence(afterSequence, nameof(afterSequence)), ApiRequests.Number(limit, nameof(limit))), cancellationToken)))
            .RequireAuthorization(read).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("A conversation's messages after a sequence number, in order.");
        api.MapPost("/conversations/{id}/messages", PostMessageAsync)
            .RequireAuthorization(ApiExtensions.ScopePolicy(ApiScopes.MessagesWrite))
            .Accepts<PostMessageRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("Posts an agent's reply as the key's staff member; the Idempotency-Key header is required.");
        return api;
    }

    /// <summary>
    /// The agent's reply through the same command as the agent hub's <c>SendMessage</c>: sequenced, stored and pushed
    /// live. A retry with the same <c>Idempotency-Key</c> and body answers the first result (<c>duplicate: true</c>).
    /// </summary>
    private static async Task<Created<SendResult>> PostMessageAsync(
        string id,
        [FromHeader(Name = HubPaths.IdempotencyKeyHeader)] string? idempotencyKey,
        HttpRequest request,
        ClaimsPrincipal user,
        IMediator mediator,
        ApiRequests requests,
        Idempotency idempotency,
        CancellationToken cancellationToken)
    {
        var conversationId = ApiRequests.Id(id, nameof(id));
        var key = Idempotency.KeyOf(idempotencyKey);
        var body = await ApiRequests.ReadBytesAsync(request, cancellationToken);
        var message = requests.Parse<PostMessageRequest>(body);
        var apiKey = ApiExtensions.KeyId(user)!.Value;
        var hash = Idempotency.RequestHash($"POST {conversationId}/messages", body);
        await idempotency.CheckAsync(apiKey, key, hash, cancellationToken);
        var sent = await mediator.Send(new SendMessage(Caller.From(user), conversationId, Idempotency.ClientId(apiKey, key), message.Text), cancellationToken);
        if (sent.Duplicate && sent.Message.Text != message.Text.Trim())
        {
            throw Idempotency.Reused();
        }

        await idempotency.RememberAsync(apiKey, key, hash, cancellationToken);
        return TypedResults.Created($"{HubPaths.Api}/conversations/{conversationId}/messages?afterSequence={sent.Message.Sequence - 1}&limit=1", sent);
    }
}
