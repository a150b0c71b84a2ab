using Chat.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Attachments;

/// <summary>
/// A stored file: its checked content type and its name; the bytes live in the data directory under its id. An agent's
/// upload belongs to no conversation; a file a client's mail brought (<see cref="ConversationId"/>) is that conversation's.
/// </summary>
public sealed class AttachmentRecord
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>The staff login of an upload, or the visitor id of a client whose mail brought the file.</summary>
    public required string UploadedBy { get; set; }

    /// <summary>The conversation of the client whose mail brought the file; null for an agent's upload.</summary>
    public Guid? ConversationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A file a client sent is served to signed-in staff only: its id is derived from the mail, not a random capability.</summary>
    public bool StaffOnly => ConversationId is not null;

    public AttachmentRef ToReference() => new(Id, FileName, ContentType, Size, $"/attachments/{Id:N}");
}

internal sealed class AttachmentRecordConfiguration : IEntityTypeConfiguration<AttachmentRecord>
{
    public void Configure(EntityTypeBuilder<AttachmentRecord> e)
    {
        e.ToTable("Attachments");
        e.Property(a => a.FileName).HasMaxLength(200);
        e.Property(a => a.ContentType).HasMaxLength(64);
        e.Property(a => a.UploadedBy).HasMaxLength(64);
    }
}
