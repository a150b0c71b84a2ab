namespace Chat.Contracts;

/// <summary>Who wrote a message.</summary>
public enum SenderKind
{
    Visitor,
    Agent,
    System,
}

/// <summary>A stored message, as every client sees it. <see cref="Sequence"/> is 1, 2, 3… per conversation.</summary>
public sealed record ChatMessage(
    Guid ConversationId,
    long Sequence,
    Guid Id,
    Guid ClientMessageId,
    SenderKind Sender,
    string SenderName,
    string Text,
    DateTimeOffset SentAt,
    IReadOnlyList<AttachmentRef>? Attachments = null);

/// <summary>A visitor's send: the text and an id the client made, reused on every retry.</summary>
public sealed record VisitorSend(Guid ClientMessageId, string Text);

/// <summary>An agent's send into a conversation.</summary>
public sealed record AgentSend(Guid ConversationId, Guid ClientMessageId, string Text, IReadOnlyList<Guid>? AttachmentIds = null);

/// <summary>The answer to a send: the stored message. <see cref="Duplicate"/> is true when the client id had been stored before.</summary>
public sealed record SendResult(ChatMessage Message, bool Duplicate);

/// <summary>
/// Everything stored after the sequence number a client already had, in order, with the conversation's read marks:
/// the visitor has read the agents' messages up to <see cref="ReadByVisitor"/>, the agents the visitor's up to <see cref="ReadByAgent"/>.
/// </summary>
public sealed record ResumeResult(Guid ConversationId, long LastSequence, IReadOnlyList<ChatMessage> Messages, long ReadByVisitor = 0, long ReadByAgent = 0);

/// <summary>An agent says they are typing in a conversation, or stopped.</summary>
public sealed record TypingRequest(Guid ConversationId, bool IsTyping);

/// <summary>
/// Someone started or stopped typing in a conversation; a hint, never stored. <see cref="Login"/> is the typing agent's
/// login, sent to agents only (a console drops its own user's hints, which come back from their other tabs).
/// </summary>
public sealed record TypingState(Guid ConversationId, SenderKind Sender, string Name, bool IsTyping, string? Login = null);

/// <summary>An agent has read a conversation's messages up to <see cref="Sequence"/>.</summary>
public sealed record ReadRequest(Guid ConversationId, long Sequence);

/// <summary>The <see cref="Reader"/> side has read the other side's messages up to <see cref="Sequence"/>.</summary>
public sealed record ReadMark(Guid ConversationId, SenderKind Reader, long Sequence);

/// <summary>The page a visitor's widget is on.</summary>
public sealed record PageView(string? Url, string? Title);

/// <summary>A page the visitor of a conversation opened: origin and path only.</summary>
public sealed record PageVisit(Guid ConversationId, string Url, string? Title, DateTimeOffset ViewedAt);

/// <summary>
/// What the console shows about a conversation's visitor; the pages newest first; the visitor's rating once given. For a
/// conversation of the e-mail channel, <see cref="Email"/> is the address of the client's latest mail (and there are no
/// pages: the client is not on the site).
/// </summary>
public sealed record VisitorDetails(
    Guid ConversationId, string VisitorName, string Language, DateTimeOffset StartedAt, bool Online, IReadOnlyList<PageVisit> Pages, ConversationRating? Rating,
    string? Email);

/// <summary>The state of a conversation.</summary>
public enum ConversationStatus
{
    Open,
    Closed,
}

/// <summary>
/// A line of the agents' inbox. <see cref="AssignedTo"/> is the login of the agent who took it, null while it waits in the
/// queue. <see cref="Topic"/> is the policy topic the visitor's latest recognised message is about (by its keywords), or null.
/// <see cref="Channel"/> is where the visitor writes from: <c>chat</c> (the widget) or <c>email</c> (a mailbox).
/// </summary>
public sealed record ConversationSummary(
    Guid Id,
    string VisitorName,
    ConversationStatus Status,
    long LastSequence,
    string? LastText,
    DateTimeOffset UpdatedAt,
    string? AssignedTo,
    string? Department = null,
    string? Topic = null,
    string Channel = "chat");

/// <summary>
/// The answer to a visitor session request: the bearer token for the visitor hub and its conversation. <see cref="ExpiresIn"/>
/// is the token's lifetime in seconds from this answer, so a client whose clock is off still renews it in time.
/// </summary>
public sealed record VisitorSession(string Token, Guid ConversationId, DateTimeOffset ExpiresAt, int ExpiresIn);

/// <summary>
/// The body of a visitor session request. A visitor who already has a token sends it to renew the session.
/// <see cref="IdentityToken"/> is the host site's signed statement of the logged-in client's account, when it has one.
/// </summary>
public sealed record VisitorSessionRequest(string? Name, string? Language, string? Token, string? IdentityToken = null);

/// <summary>The body of an agent sign-in.</summary>
public sealed record AgentSignInRequest(string Login, string Password);

/// <summary>The signed-in agent.</summary>
public sealed record AgentProfile(string Login, string DisplayName, string Role, string Department);

/// <summary>
/// An agent answers with the policy's ready message: <see cref="Topic"/> is the key of a topic outside the managers'
/// competence (R8), or <see cref="NoAnswer"/> for a question nobody could answer (R11).
/// </summary>
public sealed record RedirectRequest(Guid ConversationId, Guid ClientMessageId, string? Topic)
{
    /// <summary>The topic of a question without an answer: the community and technical support (R11).</summary>
    public const string NoAnswer = "no-answer";
}
