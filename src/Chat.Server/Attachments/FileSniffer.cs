namespace Chat.Server.Attachments;

/// <summary>
/// Decides a file's type from its first bytes, never from its name or the type the browser claims: PNG, JPEG,
/// GIF, WebP and PDF are accepted; anything else (HTML, SVG, scripts dressed up as images) is not.
/// </summary>
public static class FileSniffer
{
    public static string? ContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return head.StartsWith("%PDF-"u8) ? "application/pdf" : null;
    }

    /// <summary>The extension the stored name gets for a type, so the name never contradicts the content.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        _ => ".pdf",
    };

    /// <summary>The name a file is stored under: without folders or odd characters, ending in the extension of its sniffed type.</summary>
    public static string SafeName(string? given, string contentType)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(given ?? string.Empty));
        var clean = new string([.. stem.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' or '.').Take(100)]).Trim();
        return (clean.Length == 0 ? "file" : clean) + Extension(contentType);
    }
}
