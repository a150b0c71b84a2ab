namespace Chat.Contracts;

/// <summary>The visitor's rating of a closed conversation: a score from 1 (bad) to 5 (excellent) and an optional comment.</summary>
public sealed record RatingRequest(int Score, string? Comment);

/// <summary>A conversation's rating, with the agent who held the conversation when it was rated.</summary>
public sealed record ConversationRating(Guid ConversationId, int Score, string? Comment, DateTimeOffset RatedAt, string? AgentLogin);

/// <summary>The stored rating; <see cref="Duplicate"/> when the conversation was rated before (that first rating is returned).</summary>
public sealed record RatingResult(ConversationRating Rating, bool Duplicate);

/// <summary>Whether the widget should ask for a rating (the conversation was closed and is not rated yet), and the rating if given.</summary>
public sealed record RatingState(bool Asked, ConversationRating? Rating);
