using Chat.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Attachments;

/// <summary>An uploaded file: its checked content type and its name; the bytes live in the data directory under its id.</summary>
public sealed class AttachmentRecord
{
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

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
