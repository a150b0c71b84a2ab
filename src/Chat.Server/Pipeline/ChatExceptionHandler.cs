using Chat.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace Chat.Server.Pipeline;

/// <summary>Turns a <see cref="ChatException"/> thrown by an HTTP endpoint into a problem response with its code.</summary>
public sealed class ChatExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ChatException chat)
        {
            return false;
        }

        httpContext.Response.StatusCode = chat.Code switch
        {
            ErrorCodes.Unauthenticated or ErrorCodes.InvalidToken or ErrorCodes.InvalidCredentials => StatusCodes.Status401Unauthorized,
            ErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCodes.ConversationNotFound or ErrorCodes.HandoffNotFound => StatusCodes.Status404NotFound,
            ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
            ErrorCodes.LockedOut => StatusCodes.Status423Locked,
            ErrorCodes.AttachmentTooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorCodes.UnsupportedAttachment => StatusCodes.Status415UnsupportedMediaType,
            _ => StatusCodes.Status400BadRequest,
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
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
