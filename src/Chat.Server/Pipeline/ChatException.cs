namespace Chat.Server.Pipeline;

/// <summary>One field's problem, for forms that show errors beside the field.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// A refusal with a stable code (see <c>Chat.Contracts.ErrorCodes</c>). Hubs turn it into a
/// <c>HubException</c>, HTTP endpoints into a problem response; the connection stays usable.
/// </summary>
public sealed class ChatException(string code, string message, IReadOnlyList<FieldError>? fields = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>Per-field details when the refusal came from validation.</summary>
    public IReadOnlyList<FieldError> Fields { get; } = fields ?? [];
}
