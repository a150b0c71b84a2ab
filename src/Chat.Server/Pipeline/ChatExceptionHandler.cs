using Chat.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace Chat.Server.Pipeline;

/// <summary>
/// Turns a <see cref="ChatException"/> thrown by an HTTP endpoint into a problem response with its code, and any
/// other failure into <c>500 internal_error</c> with a generic text: no exception message, type or stack trace
/// reaches the client, in any environment. The failure itself is logged by the exception handler middleware.
/// </summary>
public sealed class ChatExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var chat = exception switch
        {
            ChatException known => known,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ChatException(ErrorCodes.PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException => new ChatException(ErrorCodes.InvalidArgument, "The request is malformed."),
            _ => new ChatException(ErrorCodes.Internal, "Something went wrong on our side; please retry."),
        };
        return await WriteAsync(problems, httpContext, chat, exception is BadHttpRequestException bad ? bad.StatusCode : StatusOf(chat.Code));
    }

    /// <summary>The HTTP status of a refusal with <paramref name="code"/>.</summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.Unauthenticated or ErrorCodes.InvalidToken or ErrorCodes.InvalidIdentityToken or ErrorCodes.InvalidCredentials
            or ErrorCodes.InvalidApiKey => StatusCodes.Status401Unauthorized,
        ErrorCodes.Forbidden or ErrorCodes.InsufficientScope => StatusCodes.Status403Forbidden,
        ErrorCodes.ConversationNotFound or ErrorCodes.HandoffNotFound or ErrorCodes.AccountNotFound or ErrorCodes.ApiKeyNotFound
            or ErrorCodes.WebhookNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.IdempotencyKeyReused or ErrorCodes.AccountExists => StatusCodes.Status409Conflict,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.LockedOut => StatusCodes.Status423Locked,
        ErrorCodes.Internal => StatusCodes.Status500InternalServerError,
        ErrorCodes.AttachmentTooLarge or ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UnsupportedAttachment => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Writes <paramref name="chat"/> as a problem response: <c>code</c>, <c>title</c> and the per-field <c>errors</c>.</summary>
    public static async ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext httpContext, ChatException chat, int? status = null)
    {
        httpContext.Response.StatusCode = status ?? StatusOf(chat.Code);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = httpContext.Response.StatusCode,
                Title = chat.Message,
                Extensions =
                {
                    ["code"] = chat.Code,
                    ["errors"] = chat.Fields.Select(f => new { field = f.Field, code = f.Code, message = f.Message }).ToArray(),
                },
            },
        });
    }
}
