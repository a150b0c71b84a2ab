using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Server.Pipeline;

/// <summary>
/// Turns a <see cref="ChatException"/> into a <see cref="HubException"/> carrying its code, and any
/// other failure into <c>internal_error</c> without details. Validation failures list every field's code. A null
/// where the method takes none is <c>invalid_argument</c> with the argument's name. The connection stays open either way.
/// Refusals are expected: each code is logged once per connection and minute, without a stack trace.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    private static readonly TimeSpan RefusalLogWindow = TimeSpan.FromMinutes(1);
    private static readonly ConcurrentDictionary<MethodInfo, string[]> NonNullableArguments = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            RefuseNulls(invocationContext);
            return await next(invocationContext);
        }
        catch (ChatException e)
        {
            LogRefusalOnce(invocationContext, e.Code);
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

    private static void RefuseNulls(HubInvocationContext invocation)
    {
        var names = NonNullableArguments.GetOrAdd(invocation.HubMethod, NonNullable);
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length > 0 && invocation.HubMethodArguments[i] is null)
            {
                throw new ChatException(ErrorCodes.InvalidArgument, $"{names[i]} is required.", [new FieldError(names[i], ErrorCodes.InvalidArgument, $"{names[i]} is required.")]);
            }
        }
    }

    /// <summary>Per parameter, its name when it takes no null, or an empty string.</summary>
    private static string[] NonNullable(MethodInfo method)
    {
        var nullability = new NullabilityInfoContext();
        return [.. method.GetParameters().Select(p =>
            !p.ParameterType.IsValueType && nullability.Create(p).WriteState == NullabilityState.NotNull ? p.Name ?? "arguments" : string.Empty)];
    }

    private void LogRefusalOnce(HubInvocationContext invocation, string code)
    {
        var state = ConnectionState.Of(invocation.Context);
        var now = Stopwatch.GetTimestamp();
        lock (state)
        {
            var logged = state.LoggedRefusals ??= [];
            if (logged.TryGetValue(code, out var at) && Stopwatch.GetElapsedTime(at, now) < RefusalLogWindow)
            {
                return;
            }

            logged[code] = now;
        }

        var conversationId = invocation.Context.User?.FindFirst(Caller.ConversationClaim)?.Value;
        LogRefused(logger, invocation.HubMethodName, conversationId, code, invocation.Context.ConnectionId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {HubMethod} failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string hubMethod);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{HubMethod} refused for conversation {ConversationId}: {ErrorCode} (connection {ConnectionId}; its further refusals with this code are not logged for a minute)")]
    private static partial void LogRefused(ILogger logger, string hubMethod, string? conversationId, string errorCode, string connectionId);
}
