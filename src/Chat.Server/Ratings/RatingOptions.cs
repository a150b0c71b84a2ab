using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Ratings;

/// <summary>Settings of <c>Chat:Ratings</c>: the visitor's rating of a closed conversation (CSAT).</summary>
public sealed class RatingOptions
{
    public const string Section = "Chat:Ratings";

    /// <summary>The longest comment a visitor may leave with a rating.</summary>
    [Range(0, 4000)]
    public int MaxCommentLength { get; set; } = 1000;

    /// <summary>A rating at or below this score goes to every supervisor's console as well; 0 tells no one.</summary>
    [Range(0, 5)]
    public int NotifySupervisorsAtOrBelow { get; set; } = 2;
}
