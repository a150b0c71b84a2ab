using Chat.Contracts;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Ratings;

/// <summary>A conversation's rating: at most one per conversation (its key), so a double click, a second tab or a retry stores nothing new.</summary>
public sealed class RatingRecord
{
    public Guid ConversationId { get; set; }
    public int Score { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset RatedAt { get; set; }

    /// <summary>The agent who held the conversation when it was rated; null when it was never taken.</summary>
    public string? AgentLogin { get; set; }

    public ConversationRating ToContract() => new(ConversationId, Score, Comment, RatedAt, AgentLogin);
}

internal sealed class RatingRecordConfiguration : IEntityTypeConfiguration<RatingRecord>
{
    public void Configure(EntityTypeBuilder<RatingRecord> e)
    {
        e.ToTable("Ratings");
        e.HasKey(r => r.ConversationId);
        e.Property(r => r.Comment).HasMaxLength(4000);
        e.Property(r => r.AgentLogin).HasMaxLength(64);
        e.HasIndex(r => r.RatedAt);
        e.HasOne<Conversation>().WithOne().HasForeignKey<RatingRecord>(r => r.ConversationId);
    }
}
