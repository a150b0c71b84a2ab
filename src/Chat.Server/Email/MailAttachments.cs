using Chat.Server.Attachments;
using Chat.Server.Conversations;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Microsoft.Extensions.Options;

namespace Chat.Server.Email;

/// <summary>The files of a client's mail that its message carries, and the line that names those it does not.</summary>
public sealed record KeptFiles(IReadOnlyList<Guid> Ids, string? RefusedLine);

/// <summary>
/// Keeps the files a client's mail brought under the rules of an agent's upload: a type <see cref="FileSniffer"/> knows
/// from the bytes (never the type the mail claims), at most <see cref="AttachmentOptions.MaxBytes"/>, and no more than
/// <see cref="SendMessageValidator.MaxAttachments"/> per message, in the mail's order. Each file's id is derived from the
/// mail and its place in it, so a mail read again after a crash finds the files it stored before and stores none twice.
/// </summary>
public sealed partial class MailAttachments(AttachmentStore store, IOptions<AttachmentOptions> options, IVisitorTexts texts, TimeProvider clock, ILogger<MailAttachments> logger)
{
    // Why a file was not kept, as logged.
    private const string Unsupported = "unsupported-type";

    private const string TooLarge = "too-large";

    private const string TooMany = "too-many";

    public async Task<KeptFiles> KeepAsync(MailboxOptions box, IncomingMail mail, Conversation conversation, CancellationToken cancellationToken)
    {
        var kept = new List<Guid>();
        var refused = new List<(string Name, string Reason)>();
        for (var index = 0; index < mail.Files.Count; index++)
        {
            var file = mail.Files[index];
            var type = FileSniffer.ContentType(file.Content);
            var tooLarge = file.Content.LongLength > options.Value.MaxBytes;
            if (type is null || tooLarge || kept.Count >= SendMessageValidator.MaxAttachments)
            {
                refused.Add((file.Name ?? $"({file.DeclaredType})", type is null ? Unsupported : tooLarge ? TooLarge : TooMany));
                continue;
            }

            var record = await store.SaveAsync(new AttachmentRecord
            {
                Id = MailFilter.DerivedId(box.Key, mail.MessageKey, $"attachment/{index}"),
                FileName = FileSniffer.SafeName(file.Name, type),
                ContentType = type,
                Size = file.Content.LongLength,
                UploadedBy = conversation.VisitorId.ToString(),
                ConversationId = conversation.Id,
                CreatedAt = clock.GetUtcNow(),
            }, file.Content, cancellationToken);
            kept.Add(record.Id);
        }

        if (refused.Count == 0)
        {
            return new KeptFiles(kept, null);
        }

        LogRefused(logger, box.Key, mail.Uid, conversation.Id, refused.Count, mail.Files.Count, string.Join(", ", refused.Select(r => r.Reason).Distinct()));
        var names = string.Join(", ", refused.Select(r => r.Name));
        return new KeptFiles(kept, PolicyTemplate.Fill(texts.InLanguage(conversation.Language).AttachmentsRefused, ("files", names)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Uid} of mailbox {Mailbox}: {Refused} of its {Files} files not kept in conversation {ConversationId} ({Reasons})")]
    private static partial void LogRefused(ILogger logger, string mailbox, long uid, Guid conversationId, int refused, int files, string reasons);
}
