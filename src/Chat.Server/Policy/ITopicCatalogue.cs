namespace Chat.Server.Policy;

/// <summary>
/// The consultation topics (R8): which the managers answer and which go to another department with a ready answer,
/// recognised in a visitor's free text; and where a visitor who found no answer is pointed (R11).
/// </summary>
public interface ITopicCatalogue
{
    /// <summary>The topics, in the configured order.</summary>
    IReadOnlyList<Topic> Topics { get; }

    /// <summary>The topic with this key, or null.</summary>
    Topic? FindTopic(string key);

    /// <summary>
    /// The topic a free text is about, by keyword, or null. The language's keywords are tried first, then the
    /// others; a redirected topic wins over one the managers answer, then the configured order decides.
    /// </summary>
    Topic? RecogniseTopic(string text, string? language);

    /// <summary>The ready answer for a topic outside the managers' competence (R8), or null when the managers answer it.</summary>
    TopicRedirect? RedirectFor(Topic topic, string? language);

    /// <summary>The users' community channel (R11).</summary>
    string CommunityUrl { get; }

    /// <summary>The department a visitor without an answer writes to (R11).</summary>
    Department NoAnswerDepartment { get; }

    /// <summary>The subject of that e-mail (R11).</summary>
    string NoAnswerSubject(string? language);

    /// <summary>The answer for a visitor who found none: the community and support with its subject (R11).</summary>
    string NoAnswerMessage(string? language);
}
