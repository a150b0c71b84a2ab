namespace Chat.Contracts;

/// <summary>A file attached to a message; <see cref="Url"/> serves it (<c>/attachments/{id}</c>).</summary>
public sealed record AttachmentRef(Guid Id, string FileName, string ContentType, long Size, string Url);

/// <summary>An agent's private note in a conversation: visible to staff only.</summary>
public sealed record NoteRequest(Guid ConversationId, Guid ClientNoteId, string Text);

/// <summary>A stored private note.</summary>
public sealed record ConversationNote(Guid Id, Guid ConversationId, string AuthorLogin, string AuthorName, string Text, DateTimeOffset CreatedAt);

/// <summary>Closes a conversation; <see cref="PreparationMinutes"/> is the time the manager spent preparing (R9).</summary>
public sealed record CloseRequest(Guid ConversationId, int? PreparationMinutes);

/// <summary>A closed conversation and the time it took: handling (first agent message to close) plus preparation.</summary>
public sealed record ClosedConversation(ConversationSummary Conversation, double HandlingMinutes, int PreparationMinutes, string? Company);

/// <summary>Passes a conversation to a colleague (<see cref="ToLogin"/>) or back to a department's queue (<see cref="ToDepartment"/>).</summary>
public sealed record TransferRequest(Guid ConversationId, string? ToLogin, string? ToDepartment);

/// <summary>A ready answer, in the requested language, with its help-centre and video links in the text.</summary>
public sealed record SavedAnswer(string Id, string Shortcut, string Title, string Text);

/// <summary>
/// A company's consultation load this week (R9): closed requests and minutes (handling plus preparation) in the
/// policy's calendar week; <see cref="ReferToTraining"/> when both thresholds are crossed.
/// </summary>
public sealed record CompanyLoad(string Company, DateOnly WeekStart, int Requests, double Minutes, bool ReferToTraining, string TrainingDepartment);
