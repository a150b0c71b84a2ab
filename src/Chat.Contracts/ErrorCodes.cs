namespace Chat.Contracts;

/// <summary>
/// Stable, machine-readable error codes. A hub error reaches the client as a
/// <c>HubException</c> whose message is <c>"code: human text"</c>; an HTTP error is a
/// problem response whose <c>code</c> extension holds the same value.
/// </summary>
public static class ErrorCodes
{
    public const string EmptyMessage = "empty_message";
    public const string MessageTooLong = "message_too_long";
    public const string InvalidArgument = "invalid_argument";
    public const string ConversationNotFound = "conversation_not_found";
    public const string Forbidden = "forbidden";
    public const string Unauthenticated = "unauthenticated";
    public const string InvalidToken = "invalid_token";
    public const string InvalidCredentials = "invalid_credentials";
    public const string ContactRequired = "contact_required";
    public const string QueuedItemNotFound = "queued_item_not_found";
    public const string RateLimited = "rate_limited";
    public const string Internal = "internal_error";

    /// <summary>Builds the HubException message for <paramref name="code"/>.</summary>
    public static string Format(string code, string message) => $"{code}: {message}";

    /// <summary>Reads the code back out of a HubException message, or <see cref="Internal"/>.</summary>
    public static string Parse(string? hubExceptionMessage)
    {
        if (string.IsNullOrEmpty(hubExceptionMessage))
        {
            return Internal;
        }

        // The client library prefixes server errors with its own text; the code follows the last "HubException: ".
        const string Marker = "HubException: ";
        var start = hubExceptionMessage.LastIndexOf(Marker, StringComparison.Ordinal);
        var text = start >= 0 ? hubExceptionMessage[(start + Marker.Length)..] : hubExceptionMessage;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? text[..colon] : Internal;
    }
}
