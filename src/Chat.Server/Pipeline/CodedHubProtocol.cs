using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Chat.Contracts;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Chat.Server.Pipeline;

/// <summary>
/// The JSON hub protocol with the errors SignalR makes itself in the protocol's coded form, where
/// <see cref="HubErrorFilter"/> cannot reach: an invocation whose arguments do not bind (wrong types, a malformed id,
/// too many or too few arguments, a lone UTF-16 surrogate) or whose method does not exist, and the reason a connection
/// was closed (a frame over the size limit, a frame that is not a hub message). Every other error text leaving the
/// server is either already coded (a <see cref="HubException"/>) or replaced by <c>internal_error</c>, so no exception
/// detail reaches a client whatever SignalR's detailed-errors setting.
/// </summary>
public sealed class CodedHubProtocol(IHubProtocol inner, long maxFrameBytes) : IHubProtocol
{
    private const string Marker = "HubException: ";

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            message = new InvocationBindingFailureMessage(failure.InvocationId, failure.Target,
                ExceptionDispatchInfo.Capture(new HubException(BindingError(failure.Target, failure.BindingFailure.SourceException))));
        }

        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(Coded(message), output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(Coded(message));

    /// <summary>The coded error of an invocation SignalR could not bind.</summary>
    public static string BindingError(string target, Exception exception)
    {
        if (exception is HubException)
        {
            return ErrorCodes.Format(ErrorCodes.UnknownMethod, $"The hub has no method '{target}'.");
        }

        var causes = Causes(exception).ToList();
        var field = causes.OfType<JsonException>().FirstOrDefault()?.Path is { } path ? ArgumentPath(path) : "arguments";
        var surrogate = causes.Any(e => e is InvalidOperationException && e.Message.Contains("UTF-16", StringComparison.Ordinal));
        return surrogate
            ? ErrorCodes.Format(ErrorCodes.InvalidCharacters, "A text holds a lone UTF-16 surrogate.", [(field, ErrorCodes.InvalidCharacters)])
            : ErrorCodes.Format(ErrorCodes.InvalidArgument, $"The arguments of '{target}' do not match the protocol (docs/protocol.md).", [(field, ErrorCodes.InvalidArgument)]);
    }

    private HubMessage Coded(HubMessage message) => message switch
    {
        CompletionMessage { Error: { } error } completion when !error.Contains(Marker, StringComparison.Ordinal) =>
            new CompletionMessage(completion.InvocationId!, $"{Marker}{CompletionError(error)}", null, hasResult: false),
        CloseMessage { Error: { } error } close when !error.Contains(Marker, StringComparison.Ordinal) =>
            new CloseMessage($"Connection closed with an error. {Marker}{CloseError(error)}", close.AllowReconnect),
        _ => message,
    };

    private static string CompletionError(string error) =>
        error.Contains("unauthorized", StringComparison.OrdinalIgnoreCase)
            ? ErrorCodes.Format(ErrorCodes.Forbidden, "You may not call this method.")
            : ErrorCodes.Format(ErrorCodes.Internal, "Something went wrong on our side; please retry.");

    private string CloseError(string error) =>
        error.Contains("maximum message size", StringComparison.OrdinalIgnoreCase)
            ? ErrorCodes.Format(ErrorCodes.MessageTooLong, $"A frame above {maxFrameBytes} bytes closes the connection; reconnect and send less.")
            : error.Contains("InvalidDataException", StringComparison.Ordinal) || error.Contains("JsonException", StringComparison.Ordinal)
                ? ErrorCodes.Format(ErrorCodes.ProtocolError, "A frame was not a hub message of the JSON protocol; the connection was closed.")
                : ErrorCodes.Format(ErrorCodes.Internal, "The connection was closed by an error on our side; reconnect.");

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }

    /// <summary><c>$.clientMessageId</c> → <c>clientMessageId</c>; <c>$</c> or <c>$[1]</c> → <c>arguments</c>.</summary>
    private static string ArgumentPath(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? "arguments" : path[(dot + 1)..];
    }
}
