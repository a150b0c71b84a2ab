using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Pipeline;

/// <summary>
/// Turns a <see cref="ChatException"/> into a <see cref="HubException"/> carrying its code, and any
/// other failure into <c>internal_error</c> without details. Validation failures list every field's code. The connection stays open either way.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (ChatException e)
        {
            throw new HubException(ErrorCodes.Format(e.Code, e.Message, e.Fields.Select(f => (f.Field, f.Code))));
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnexpected(logger, e, invocationContext.HubMethodName);
            throw new HubException(ErrorCodes.Format(ErrorCodes.Internal, "Something went wrong on our side; please retry."));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {HubMethod} failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string hubMethod);
}
