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
    public const string InvalidIdentityToken = "invalid_identity_token";
    public const string InvalidCredentials = "invalid_credentials";
    public const string ContactRequired = "contact_required";
    public const string QueuedItemNotFound = "queued_item_not_found";
    public const string RateLimited = "rate_limited";
    public const string ServerFull = "server_full";
    public const string ForbiddenOrigin = "forbidden_origin";
    public const string LockedOut = "locked_out";
    public const string AccountRequired = "account_required";
    public const string AccountTooLong = "account_too_long";
    public const string InvalidPhone = "invalid_phone";
    public const string InvalidEmail = "invalid_email";
    public const string InvalidCharacters = "invalid_characters";
    public const string InvalidWindow = "invalid_window";
    public const string NotIdentified = "not_identified";
    public const string CallBackNotAllowed = "callback_not_allowed";
    public const string HandoffNotFound = "handoff_not_found";
    public const string InvalidTransition = "invalid_transition";
    public const string ConversationClosed = "conversation_closed";
    public const string StaffNotFound = "staff_not_found";
    public const string NotAssignee = "not_assignee";
    public const string AttachmentNotFound = "attachment_not_found";
    public const string AttachmentTooLarge = "attachment_too_large";
    public const string UnsupportedAttachment = "unsupported_attachment";
    public const string UnknownMethod = "unknown_method";
    public const string ProtocolError = "protocol_error";
    public const string NotClosed = "not_closed";
    public const string Internal = "internal_error";
    public const string InvalidApiKey = "invalid_api_key";
    public const string InsufficientScope = "insufficient_scope";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string UnknownField = "unknown_field";
    public const string PayloadTooLarge = "payload_too_large";
    public const string AccountNotFound = "account_not_found";
    public const string AccountExists = "account_exists";
    public const string ApiKeyNotFound = "api_key_not_found";
    public const string WebhookNotFound = "webhook_not_found";
    public const string WebhookUrlRefused = "webhook_url_refused";

    /// <summary>
    /// Builds the HubException message for <paramref name="code"/>; with per-field errors it ends with
    /// <c>[fields: field=code, field=code]</c>, which <see cref="ParseFields"/> reads back.
    /// </summary>
    public static string Format(string code, string message, IEnumerable<(string Field, string Code)>? fields = null)
    {
        var list = string.Join(", ", (fields ?? []).Select(f => $"{f.Field}={f.Code}"));
        return list.Length == 0 ? $"{code}: {message}" : $"{code}: {message} {FieldsMarker}{list}]";
    }

    /// <summary>The per-field codes at the end of a HubException message, in order; empty when there are none.</summary>
    public static IReadOnlyList<(string Field, string Code)> ParseFields(string? hubExceptionMessage)
    {
        var start = hubExceptionMessage?.LastIndexOf(FieldsMarker, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return [];
        }

        var list = hubExceptionMessage![(start + FieldsMarker.Length)..].TrimEnd(']');
        return [.. list.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=', 2)).Where(p => p.Length == 2).Select(p => (p[0], p[1]))];
    }

    private const string FieldsMarker = "[fields: ";

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
