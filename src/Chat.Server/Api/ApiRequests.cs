using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Chat.Server.Api;

/// <summary>
/// Reads what an <c>/api/v1</c> call sends, refusing with a code rather than binding loosely: bodies are
/// <c>application/json</c> without unknown members (<c>unknown_field</c>) or missing required ones, ids and numbers in
/// the path and query parse or are refused with their field named (<c>invalid_argument</c>).
/// </summary>
public sealed class ApiRequests(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions strict = new(json.Value.SerializerOptions)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The body as bytes (its size is limited by <c>Chat:Api:MaxBodyBytes</c> before it is read).</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new ChatException(ErrorCodes.InvalidArgument, "Send the body as application/json.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public T Parse<T>(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, strict) ?? throw Refuse(ErrorCodes.InvalidArgument, "body", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            throw e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? Refuse(ErrorCodes.UnknownField, UnmappedName(e.Message) ?? field, "This member is not part of the request.")
                : Refuse(ErrorCodes.InvalidArgument, field, "The body is not valid JSON of the documented shape (a member is missing, null or of the wrong type).");
        }
    }

    public async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) =>
        Parse<T>(await ReadBytesAsync(request, cancellationToken));

    public static Guid Id(string? text, string field) =>
        Guid.TryParse(text, out var id) && id != Guid.Empty ? id : throw Refuse(ErrorCodes.InvalidArgument, field, $"{field} must be an id (a GUID).");

    public static Guid? OptionalId(string? text, string field) => string.IsNullOrEmpty(text) ? null : Id(text, field);

    public static int? Number(string? text, string field) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : throw Refuse(ErrorCodes.InvalidArgument, field, $"{field} must be a whole number.");

    public static long Sequence(string? text, string field) =>
        string.IsNullOrEmpty(text) ? 0
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number
        : throw Refuse(ErrorCodes.InvalidArgument, field, $"{field} must be 0 or a message's sequence number.");

    public static DateOnly Day(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw Refuse(ErrorCodes.InvalidArgument, field, $"{field} must be a day (yyyy-MM-dd).");

    public static TEnum? Enum<TEnum>(string? text, string field)
        where TEnum : struct, Enum =>
        string.IsNullOrEmpty(text) ? null
        : System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]) ? value
        : throw Refuse(ErrorCodes.InvalidArgument, field, $"{field} is one of: {string.Join(", ", System.Enum.GetNames<TEnum>())}.");

    public static ChatException Refuse(string code, string field, string message) => new(code, message, [new FieldError(field, code, message)]);

    /// <summary>The member System.Text.Json names in "The JSON property 'x' could not be mapped…".</summary>
    private static string? UnmappedName(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start + 1 && end - start <= 101 ? message[(start + 1)..end] : null;
    }
}
