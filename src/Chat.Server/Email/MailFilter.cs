using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Chat.Server.Pipeline;
using MimeKit;
using MimeKit.Text;

namespace Chat.Server.Email;

/// <summary>
/// What the reader decides about one parsed mail without the database: whether it may open a conversation at all (no loops
/// with robots, nothing hostile), its key, the keys of the mails it answers, the text a manager reads and the files it carries.
/// </summary>
public static partial class MailFilter
{
    /// <summary>Parts nested deeper than this, or more parts than <see cref="MaxParts"/>, make a mail hostile; the parser stops at twice the depth.</summary>
    public const int MaxDepth = 16;

    public const int MaxParts = 500;

    private const string PlaceKeyPrefix = "uid-";
    private const string DigestKeyPrefix = "sha256-";

    /// <summary>An inline image smaller than this decorates the mail (a signature's logo, a tracking pixel) and is no file of it.</summary>
    public const int DecorationBytes = 4096;

    /// <summary>How the reader parses: bounded nesting, so that a MIME bomb cannot take the stack.</summary>
    public static ParserOptions Parsing { get; } = new() { MaxMimeDepth = 2 * MaxDepth };

    /// <summary>Why a mail is kept aside as hostile or unusable, or null.</summary>
    public static string? Malformed(MimeMessage message)
    {
        if (message.From.Mailboxes.FirstOrDefault() is not { Address.Length: > 0 } from || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            return SetAsideReasons.NoSender;
        }

        var parts = 0;
        var stack = new Stack<(MimeEntity Entity, int Depth)>();
        if (message.Body is { } body)
        {
            stack.Push((body, 1));
        }

        while (stack.TryPop(out var item))
        {
            if (++parts > MaxParts || item.Depth > MaxDepth || (item.Entity is MimePart && item.Entity.ContentType.MediaType == "multipart"))
            {
                return SetAsideReasons.TooComplex;
            }

            var children = item.Entity switch
            {
                Multipart multipart => multipart,
                MessagePart { Message.Body: { } inner } => [inner],
                _ => Enumerable.Empty<MimeEntity>(),
            };
            foreach (var child in children)
            {
                stack.Push((child, item.Depth + 1));
            }
        }

        return null;
    }

    /// <summary>
    /// Why a mail comes from a robot and must neither open a conversation nor be answered (RFC 3834 and the usual
    /// markers of bounces and bulk mail), or null.
    /// </summary>
    public static string? Robot(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers[HeaderId.AutoSubmitted] is { } submitted && !submitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return SetAsideReasons.AutoReply;
        }

        if (headers.Contains("X-Autoreply") || headers.Contains("X-Autorespond"))
        {
            return SetAsideReasons.AutoReply;
        }

        var from = message.From.Mailboxes.FirstOrDefault()?.LocalPart ?? string.Empty;
        if (from.Equals("mailer-daemon", StringComparison.OrdinalIgnoreCase) || from.Equals("postmaster", StringComparison.OrdinalIgnoreCase)
            || headers[HeaderId.ReturnPath]?.Trim() == "<>" || message.Body is MultipartReport)
        {
            return SetAsideReasons.Bounce;
        }

        if (headers[HeaderId.Precedence]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply" || headers.Contains(HeaderId.ListId)
            || headers.Contains(HeaderId.ListUnsubscribe))
        {
            return SetAsideReasons.Bulk;
        }

        return null;
    }

    /// <summary>The mail's key in its mailbox: its Message-ID, or for one without, its place in the mailbox; a long one as its digest.</summary>
    public static string MessageKey(MimeMessage message, long uidValidity, long uid) =>
        Key(message.MessageId) ?? $"{PlaceKeyPrefix}{uidValidity}-{uid}";

    /// <summary>Whether a key is the mail's own Message-ID, not one made up for a mail without one or with one too long to keep.</summary>
    public static bool IsRealMessageId(string key) => !key.StartsWith(PlaceKeyPrefix, StringComparison.Ordinal) && !key.StartsWith(DigestKeyPrefix, StringComparison.Ordinal);

    /// <summary>The keys of the mails this one answers, nearest first (In-Reply-To, then References from the newest).</summary>
    public static IReadOnlyList<string> ThreadKeys(MimeMessage message) =>
        [.. new[] { message.InReplyTo }.Concat(message.References.Reverse()).Select(Key).OfType<string>().Distinct()];

    /// <summary>A stable id made from the mail's key, so that every step the mail takes is done once however often it is read.</summary>
    public static Guid DerivedId(string mailboxKey, string messageKey, string purpose) => DerivedIds.Of($"email/{mailboxKey}/{messageKey}/{purpose}");

    /// <summary>
    /// The text a manager reads: the plain part, or the HTML part as text (scripts and styles dropped), with the quoted history
    /// and the signature cut off and the characters the chat refuses removed (<see cref="TextRules.Clean"/>).
    /// </summary>
    public static string Text(MimeMessage message)
    {
        var text = message.TextBody ?? (message.HtmlBody is { } html ? HtmlText(html) : string.Empty);
        var lines = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line == "--" || QuoteHeader().IsMatch(line))
            {
                break;
            }

            if (!line.StartsWith('>'))
            {
                lines.Add(line);
            }
        }

        return TextRules.Clean(BlankRuns().Replace(string.Join('\n', lines), "\n\n"), multiLine: true);
    }

    /// <summary>At most <paramref name="maxLength"/> characters, an ellipsis marking a cut.</summary>
    public static string Cap(string text, int maxLength) =>
        text.Length <= maxLength ? text : text[..(char.IsHighSurrogate(text[maxLength - 2]) ? maxLength - 2 : maxLength - 1)].TrimEnd() + "…";

    /// <summary>
    /// The files a mail carries, in its MIME order: every part that is not its text (attachments, forwarded mails, images
    /// shown in the body such as a pasted screenshot), without the signatures of signed mail and without the small inline
    /// images (a <c>Content-Id</c> the HTML shows, under <see cref="DecorationBytes"/>) that only decorate it: logos, icons,
    /// tracking pixels. Nothing is judged here; the attachment rules come after (<see cref="MailAttachments"/>).
    /// </summary>
    public static IReadOnlyList<MailFile> Files(MimeMessage message)
    {
        var files = new List<MailFile>();
        foreach (var entity in message.BodyParts)
        {
            if (entity is TextPart { IsAttachment: false } || Signature(entity.ContentType))
            {
                continue;
            }

            using var content = new MemoryStream();
            if (entity is MessagePart forwarded)
            {
                forwarded.Message?.WriteTo(content);
            }
            else
            {
                ((MimePart)entity).Content?.DecodeTo(content);
            }

            if (!entity.IsAttachment && entity.ContentId is not null && entity.ContentType.IsMimeType("image", "*") && content.Length < DecorationBytes)
            {
                continue;
            }

            var name = TextRules.Clean(entity.ContentDisposition?.FileName ?? entity.ContentType.Name ?? string.Empty, multiLine: false);
            files.Add(new MailFile(name.Length > 0 ? Cap(name, 100) : null, entity.ContentType.MimeType, content.ToArray()));
        }

        return files;
    }

    /// <summary>The visible text of an HTML body: tags become line breaks where they break lines; scripts, styles and the head give nothing.</summary>
    public static string HtmlText(string html)
    {
        var text = new StringBuilder();
        var hidden = 0;
        var tokenizer = new HtmlTokenizer(new StringReader(html)) { DecodeCharacterReferences = true };
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken { Id: HtmlTagId.Script or HtmlTagId.Style or HtmlTagId.Head or HtmlTagId.Title or HtmlTagId.NoScript } tag when !tag.IsEmptyElement:
                    hidden = Math.Max(0, hidden + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken { Id: HtmlTagId.Br or HtmlTagId.P or HtmlTagId.Div or HtmlTagId.LI or HtmlTagId.TR or HtmlTagId.H1 or HtmlTagId.H2
                    or HtmlTagId.H3 or HtmlTagId.BlockQuote or HtmlTagId.Table }:
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hidden == 0 && token.Kind == HtmlTokenKind.Data:
                    text.Append(WhiteSpace().Replace(data.Data, " "));
                    break;
            }
        }

        return string.Join('\n', text.ToString().Split('\n').Select(l => l.Trim()));
    }

    private static bool Signature(ContentType type) =>
        type.IsMimeType("application", "pkcs7-signature") || type.IsMimeType("application", "x-pkcs7-signature") || type.IsMimeType("application", "pgp-signature");

    private static string? Key(string? messageId)
    {
        var id = messageId?.Trim().Trim('<', '>');
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        return id.Length <= EmailMessageRecord.MessageIdLength ? id : DigestKeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    /// <summary>The line a mail program puts above the quoted mail ("On … wrote:", «… написал(а):», "-----Original Message-----").</summary>
    [GeneratedRegex(@"^(-{2,}\s*(Original Message|Исходное сообщение|Пересылаемое сообщение)\s*-{2,}|.{0,200}\b(wrote|писал|написал|написала|написал\(а\)):)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankRuns();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

/// <summary>A file a mail carries: the name its sender gave it (cleaned, or null), the type the mail claims (never trusted) and its bytes.</summary>
public sealed record MailFile(string? Name, string DeclaredType, byte[] Content);

/// <summary>Why a mail was kept aside (<see cref="MailSetAsideRecord.Reason"/>).</summary>
public static class SetAsideReasons
{
    public const string TooLarge = "too-large";
    public const string Malformed = "malformed";
    public const string NoSender = "no-sender";
    public const string TooComplex = "too-complex";
    public const string AutoReply = "auto-reply";
    public const string Bounce = "bounce";
    public const string Bulk = "bulk";
    public const string Refused = "refused";
}
