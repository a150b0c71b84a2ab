using Chat.Contracts;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Chat.Server.Attachments;

/// <summary>An agent uploads a screenshot or a PDF to attach to a reply.</summary>
public sealed record UploadAttachment(Caller Caller, string? FileName, byte[] Content) : ICommand<AttachmentRef>;

public sealed class UploadAttachmentValidator : AbstractValidator<UploadAttachment>
{
    public UploadAttachmentValidator(IOptions<AttachmentOptions> options)
    {
        var max = options.Value.MaxBytes;
        RuleFor(u => u.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only staff upload files.");
        RuleFor(u => u.Content.Length).GreaterThan(0).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The file is empty.")
            .LessThanOrEqualTo((int)Math.Min(max, int.MaxValue)).WithErrorCode(ErrorCodes.AttachmentTooLarge).WithMessage($"The file is larger than {max} bytes.");
        RuleFor(u => u.Content).Must(c => FileSniffer.ContentType(c) is not null).When(u => u.Content.Length > 0)
            .WithErrorCode(ErrorCodes.UnsupportedAttachment).WithMessage("Only PNG, JPEG, GIF, WebP images and PDF files can be attached.");
    }
}

public sealed partial class UploadAttachmentHandler(AttachmentStore store, TimeProvider clock, ILogger<UploadAttachmentHandler> logger)
    : ICommandHandler<UploadAttachment, AttachmentRef>
{
    public async ValueTask<AttachmentRef> Handle(UploadAttachment command, CancellationToken cancellationToken)
    {
        var contentType = FileSniffer.ContentType(command.Content)!;
        var now = clock.GetUtcNow();
        var record = new AttachmentRecord
        {
            Id = Guid.NewGuid(),
            FileName = FileSniffer.SafeName(command.FileName, contentType),
            ContentType = contentType,
            Size = command.Content.LongLength,
            UploadedBy = command.Caller.Id,
            CreatedAt = now,
        };
        await store.SaveAsync(record, command.Content, cancellationToken);
        LogUploaded(logger, record.Id, contentType, record.Size);
        return record.ToReference();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attachment {AttachmentId} uploaded ({ContentType}, {Size} bytes)")]
    private static partial void LogUploaded(ILogger logger, Guid attachmentId, string contentType, long size);
}
