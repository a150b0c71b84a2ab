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
            BadHttpRequestException => new ChatException(ErrorCodes.InvalidArgument, "The request is malformed."),
            _ => new ChatException(ErrorCodes.Internal, "Something went wrong on our side; please retry."),
        };
        httpContext.Response.StatusCode = exception is BadHttpRequestException bad ? bad.StatusCode : chat.Code switch
        {
            ErrorCodes.Unauthenticated or ErrorCodes.InvalidToken or ErrorCodes.InvalidIdentityToken or ErrorCodes.InvalidCredentials => StatusCodes.Status401Unauthorized,
            ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCodes.ConversationNotFound or ErrorCodes.HandoffNotFound => StatusCodes.Status404NotFound,
            ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
            ErrorCodes.LockedOut => StatusCodes.Status423Locked,
            ErrorCodes.Internal => StatusCodes.Status500InternalServerError,
            ErrorCodes.AttachmentTooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorCodes.UnsupportedAttachment => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        };
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
