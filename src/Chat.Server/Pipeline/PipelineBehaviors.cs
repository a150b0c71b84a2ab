using System.Diagnostics;
using System.Text.Json;
using Chat.Contracts;
using FluentValidation;
using Mediator;

namespace Chat.Server.Pipeline;

/// <summary>First step: logs every request with its conversation id, its outcome and how long it took.</summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var conversationId = (message as IConversationRequest)?.ConversationId;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(logger, typeof(TMessage).Name, conversationId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (ChatException e)
        {
            LogRefused(logger, typeof(TMessage).Name, conversationId, e.Code);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, typeof(TMessage).Name, conversationId);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} handled for conversation {ConversationId} in {ElapsedMs:0.0} ms")]
    private static partial void LogHandled(ILogger logger, string request, Guid? conversationId, double elapsedMs);

    // Refusals are expected and can come in floods; the hubs log each code once per connection and minute.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} refused for conversation {ConversationId}: {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, string request, Guid? conversationId, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} failed for conversation {ConversationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string request, Guid? conversationId);
}

/// <summary>Second step: rejects bad input, field by field, before anything is read or written.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid)
            {
                var fields = result.Errors.ConvertAll(e => new FieldError(JsonName(e.PropertyName), e.ErrorCode, e.ErrorMessage));
                throw new ChatException(fields[0].Code, fields[0].Message, fields);
            }
        }

        return await next(message, cancellationToken);
    }

    /// <summary>A field as the wire names it: <c>Text</c> → <c>text</c>, <c>Window.From</c> → <c>window.from</c>.</summary>
    private static string JsonName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}

/// <summary>
/// Third step: a visitor may only touch the conversation of their own session token, whatever id the request carries
/// (agents may touch any conversation; a missing one is reported by the handler). Features add their own checks as
/// later steps (the Handoff feature's <c>HandoffAccessBehavior</c>).
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        message is IConversationRequest { Caller.IsVisitor: true } request && request.Caller.OwnConversationId != request.ConversationId
            ? throw new ChatException(ErrorCodes.Forbidden, "This conversation belongs to someone else.")
            : next(message, cancellationToken);
}
