namespace Chat.Contracts;

/// <summary>
/// The reports' period — calendar days in the policy's time zone, <see cref="From"/> and <see cref="To"/> both included —
/// and their filters: the channel (<c>chat</c> or <c>offline</c>), the department and the manager (login) who held the
/// conversation or request, and the client's company. A manager sees only their own figures.
/// </summary>
public sealed record ReportRequest(DateOnly From, DateOnly To, string? Channel = null, string? Department = null, string? Manager = null, string? Company = null);

/// <summary>Every report of a period, worked out in the policy's time zone and, for waiting times, in its working hours only.</summary>
public sealed record ReportSet(
    ReportRequest Request,
    string TimeZone,
    FirstResponseReport FirstResponse,
    SameDayReport SameDay,
    HandoffReport Handoffs,
    IReadOnlyList<CompanyWeek> Consultations,
    RatingReport Ratings,
    IReadOnlyList<HourLoad> Load);

/// <summary>
/// How long visitors of the period's conversations waited for the first agent message, in working minutes (the office's
/// hours on working days: a chat left at Friday 18:55 and answered Monday 09:05 waited 10 minutes); by day of arrival.
/// </summary>
public sealed record FirstResponseReport(int Answered, int Unanswered, double? P50Minutes, double? P90Minutes, IReadOnlyList<DayFirstResponse> Days);

/// <summary>The first responses to the conversations that began on one day.</summary>
public sealed record DayFirstResponse(DateOnly Day, int Answered, double? P50Minutes, double? P90Minutes);

/// <summary>
/// The same-day promise (R7) over the written requests that arrived in the period: kept when answered, or told that it
/// needs longer work, by its due time; overdue when that came later or has not come and the due time has passed;
/// pending while it is not due yet. <see cref="KeptShare"/> is kept over kept plus overdue.
/// </summary>
public sealed record SameDayReport(int Total, int Kept, int Overdue, int Pending, double? KeptShare, IReadOnlyList<OverdueRequest> OverdueRequests);

/// <summary>A written request whose due time passed before it was answered; <see cref="AnsweredAt"/> is null while it waits.</summary>
public sealed record OverdueRequest(Guid ItemId, Guid? ConversationId, string Kind, string Target, DateTimeOffset ArrivedAt, DateTimeOffset DueAt, DateTimeOffset? AnsweredAt);

/// <summary>The period's handoffs by how far they got, and the working minutes from the handoff to the client being contacted.</summary>
public sealed record HandoffReport(int Total, IReadOnlyList<HandoffOutcome> Outcomes, double? P50MinutesToContact, double? P90MinutesToContact);

/// <summary>How many handoffs stopped at a status (every status is listed, with zero where none did).</summary>
public sealed record HandoffOutcome(HandoffStatus Status, int Count);

/// <summary>
/// One company's consultations in one counting week (R9): the closed conversations, their handling and preparation
/// minutes, and whether the policy's thresholds refer the company to training.
/// </summary>
public sealed record CompanyWeek(string Company, DateOnly WeekStart, int Requests, double HandlingMinutes, int PreparationMinutes, double TotalMinutes, bool ReferToTraining);

/// <summary>The visitors' ratings (CSAT) of the period's conversations: count, average and how many gave each score, 1 to 5.</summary>
public sealed record RatingReport(int Count, double? Average, IReadOnlyList<int> Distribution);

/// <summary>The load of one hour of the day (0–23, the policy's zone) over the period: the conversations begun in it.</summary>
public sealed record HourLoad(int Hour, int Conversations);
