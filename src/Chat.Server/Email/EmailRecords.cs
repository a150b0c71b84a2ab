using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Email;

/// <summary>Which way a mail went.</summary>
public enum EmailDirection
{
    Incoming,
    Outgoing,
}

/// <summary>Where an answer by mail stands: waiting for its first try, accepted by the SMTP server, failed and being tried again, or refused for good.</summary>
public enum EmailSendStatus
{
    Queued,
    Sent,
    Failed,
    Refused,
}

/// <summary>
/// A mail of a conversation, by its Message-ID: (<see cref="MailboxKey"/>, <see cref="MessageId"/>) is unique, so one mail is one
/// message however often it is read; replies find their conversation here by In-Reply-To and References.
/// </summary>
public sealed class EmailMessageRecord
{
    /// <summary>The longest Message-ID kept; a longer one is stored as its digest (<see cref="MailFilter.MessageKey"/>).</summary>
    public const int MessageIdLength = 250;

    public const int ErrorLength = 300;

    public Guid Id { get; set; }
    public required string MailboxKey { get; set; }
    public required string MessageId { get; set; }
    public Guid ConversationId { get; set; }
    public EmailDirection Direction { get; set; }
    public string? Subject { get; set; }

    /// <summary>The mail's IMAP UID in its mailbox (under the UIDVALIDITY of <see cref="MailboxStateRecord"/> when it was read).</summary>
    public long? ImapUid { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The other side's address: the sender of an incoming mail, the recipient of an outgoing one.</summary>
    public string? Address { get; set; }

    /// <summary>The chat message an outgoing mail carries (the outbox's row); one mail per message.</summary>
    public Guid? ChatMessageId { get; set; }

    /// <summary>An outgoing mail's sending: its state, how often it was tried, and why the last try failed.</summary>
    public EmailSendStatus? Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>How far a mailbox has been read: every UID up to <see cref="LastUid"/> of <see cref="UidValidity"/> is done.</summary>
public sealed class MailboxStateRecord
{
    public required string MailboxKey { get; set; }
    public long UidValidity { get; set; }
    public long LastUid { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A mail that opened nothing: too large, malformed, an auto-reply, a bounce or bulk mail (<see cref="Reason"/>, see <see cref="MailFilter"/>).</summary>
public sealed class MailSetAsideRecord
{
    public Guid Id { get; set; }
    public required string MailboxKey { get; set; }
    public long UidValidity { get; set; }
    public long Uid { get; set; }
    public required string Reason { get; set; }
    public long Size { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class EmailRecordConfigurations :
    IEntityTypeConfiguration<EmailMessageRecord>, IEntityTypeConfiguration<MailboxStateRecord>, IEntityTypeConfiguration<MailSetAsideRecord>
{
    public void Configure(EntityTypeBuilder<EmailMessageRecord> e)
    {
        e.ToTable("EmailMessages");
        e.Property(m => m.MailboxKey).HasMaxLength(32);
        e.Property(m => m.MessageId).HasMaxLength(EmailMessageRecord.MessageIdLength);
        e.HasIndex(m => new { m.MailboxKey, m.MessageId }).IsUnique();
        e.HasIndex(m => m.ConversationId);
        e.Property(m => m.Direction).HasConversion<string>().HasMaxLength(16);
        e.Property(m => m.Subject).HasMaxLength(300);
        e.Property(m => m.Address).HasMaxLength(320);
        e.HasIndex(m => m.ChatMessageId).IsUnique();
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(m => m.LastError).HasMaxLength(EmailMessageRecord.ErrorLength);
    }

    public void Configure(EntityTypeBuilder<MailboxStateRecord> e)
    {
        e.ToTable("MailboxStates");
        e.HasKey(s => s.MailboxKey);
        e.Property(s => s.MailboxKey).HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<MailSetAsideRecord> e)
    {
        e.ToTable("MailsSetAside");
        e.Property(m => m.MailboxKey).HasMaxLength(32);
        e.Property(m => m.Reason).HasMaxLength(32);
        e.HasIndex(m => new { m.MailboxKey, m.UidValidity, m.Uid }).IsUnique();
    }
}
