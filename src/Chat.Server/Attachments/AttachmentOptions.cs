using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Attachments;

/// <summary>Settings of <c>Chat:Attachments</c>.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Chat:Attachments";

    /// <summary>The largest file an agent may upload, in bytes.</summary>
    [Range(1024, 100_000_000)]
    public long MaxBytes { get; set; } = 5_000_000;

    /// <summary>The folder under the data directory where the files are kept.</summary>
    [Required]
    public string Folder { get; set; } = "attachments";
}
