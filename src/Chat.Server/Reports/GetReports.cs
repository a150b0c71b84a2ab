using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Consultation;
using Chat.Server.Handoff;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Ratings;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Reports;

/// <summary>
/// The supervisors' reports of a period (issue #17): first response in working hours, the same-day promise, handoff
/// outcomes, consultations per company and week (R9), ratings and the load by hour. Supervisors and admins see anyone's
/// figures; a manager or a call-centre specialist only their own (<see cref="ReportRequest.Manager"/> defaults to them).
/// Indexed queries do the counting; only per-conversation first times and per-request due times come to the server.
/// </summary>
public sealed record GetReports(Caller Caller, ReportRequest Request) : IQuery<ReportSet>;

public sealed class GetReportsValidator : AbstractValidator<GetReports>
{
    /// <summary>The longest period one request may cover.</summary>
    public const int MaxDays = 366;

    public GetReportsValidator()
    {
        RuleFor(q => q.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Reports are for staff.");
        RuleFor(q => q.Request.Manager).MaximumLength(64).OverridePropertyName("manager")
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("manager is a staff login.");
        RuleFor(q => q).Must(q => q.Caller.Oversees || q.Request.Manager is null || string.Equals(q.Request.Manager.Trim(), q.Caller.Id, StringComparison.OrdinalIgnoreCase))
            .OverridePropertyName("manager")
            .WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only supervisors see other people's figures.");
        RuleFor(q => q).Must(q => q.Caller.Oversees || q.Request.Department is null).OverridePropertyName("department")
            .WithErrorCode(ErrorCodes.Forbidden).WithMessage("Only supervisors see a department's figures.");
        RuleFor(q => q.Request.To).GreaterThanOrEqualTo(q => q.Request.From).OverridePropertyName("to")
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("to is on or after from.");
        RuleFor(q => q.Request).Must(r => r.To.DayNumber - r.From.DayNumber < MaxDays).OverridePropertyName("to")
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage($"A period is at most {MaxDays} days.");
        RuleFor(q => q.Request.Channel).Must(ConversationChannels.IsKnown).OverridePropertyName("channel")
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage(ConversationChannels.KnownMessage);
        RuleFor(q => q.Request.Department).MaximumLength(64).OverridePropertyName("department")
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("department is a department key.");
        RuleFor(q => q.Request.Company).MaximumLength(200).OverridePropertyName("company")
            .WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("company is a company's name.");
    }
}

public sealed class GetReportsHandler(ChatDbContext db, IOfficeCalendar calendar, ITrainingReferral referral, TimeProvider clock)
    : IQueryHandler<GetReports, ReportSet>
{
    public async ValueTask<ReportSet> Handle(GetReports query, CancellationToken cancellationToken)
    {
        var request = query.Request with { Manager = query.Caller.Oversees ? query.Request.Manager?.Trim().ToLowerInvariant() : query.Caller.Id };
        var period = new Period(calendar.StartOf(request.From), calendar.StartOf(request.To.AddDays(1)));
        var scope = await ScopeAsync(request, cancellationToken);
        var conversations = Conversations(request, scope);
        return new ReportSet(
            request,
            calendar.TimeZone.Id,
            await FirstResponseAsync(conversations, period, cancellationToken),
            await SameDayAsync(request, scope, conversations, period, cancellationToken),
            await HandoffsAsync(request, scope, conversations, period, cancellationToken),
            await ConsultationsAsync(conversations, period, cancellationToken),
            await RatingsAsync(conversations, period, cancellationToken),
            await LoadAsync(conversations, period, cancellationToken));
    }

    private async Task<Scope> ScopeAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        if (request.Manager is { } manager)
        {
            return new Scope([manager], null);
        }

        return request.Department is { } department
            ? new Scope(await db.Staff.AsNoTracking().Where(s => s.Department == department).Select(s => s.Login).ToListAsync(cancellationToken), department)
            : new Scope(null, null);
    }

    private IQueryable<Conversation> Conversations(ReportRequest request, Scope scope)
    {
        var conversations = db.Conversations.AsNoTracking();
        if (scope.Logins is { } logins)
        {
            var pool = scope.Pool;
            conversations = conversations.Where(c => logins.Contains(c.AssignedTo!) || (pool != null && c.AssignedTo == null && c.Department == pool));
        }

        if (request.Company is { } company)
        {
            conversations = conversations.Where(c => c.Company == company);
        }

        return request.Channel is { } channel ? conversations.InChannel(db, channel) : conversations;
    }

    private async Task<FirstResponseReport> FirstResponseAsync(IQueryable<Conversation> conversations, Period period, CancellationToken cancellationToken)
    {
        var begun = conversations.Where(c => c.CreatedAt >= period.Start && c.CreatedAt < period.End).Select(c => c.Id);
        var firsts = await db.Messages.AsNoTracking()
            .Where(m => begun.Contains(m.ConversationId) && m.Sender != SenderKind.System)
            .GroupBy(m => m.ConversationId)
            .Select(g => new
            {
                Asked = g.Where(m => m.Sender == SenderKind.Visitor).Min(m => (DateTimeOffset?)m.SentAt),
                Answered = g.Where(m => m.Sender == SenderKind.Agent).Min(m => (DateTimeOffset?)m.SentAt),
            })
            .Where(f => f.Asked != null)
            .ToListAsync(cancellationToken);
        var waits = firsts
            .Select(f => (Day: calendar.DayOf(f.Asked!.Value), Minutes: f.Answered is { } answered ? Minutes(calendar.WorkingTimeBetween(f.Asked.Value, answered)) : (double?)null))
            .ToList();
        var answeredWaits = waits.Where(w => w.Minutes is not null).Select(w => w.Minutes!.Value).ToList();
        var days = waits.Where(w => w.Minutes is not null).GroupBy(w => w.Day).OrderBy(g => g.Key)
            .Select(g => new DayFirstResponse(g.Key, g.Count(), Percentile(g.Select(w => w.Minutes!.Value), 0.5), Percentile(g.Select(w => w.Minutes!.Value), 0.9)))
            .ToList();
        return new FirstResponseReport(answeredWaits.Count, waits.Count - answeredWaits.Count, Percentile(answeredWaits, 0.5), Percentile(answeredWaits, 0.9), days);
    }

    private async Task<SameDayReport> SameDayAsync(
        ReportRequest request, Scope scope, IQueryable<Conversation> conversations, Period period, CancellationToken cancellationToken)
    {
        var items = db.Set<OfflineItem>().AsNoTracking().Where(i => i.CreatedAt >= period.Start && i.CreatedAt < period.End);
        if (scope.Logins is { } logins)
        {
            var pool = scope.Pool;
            items = items.Where(i => (i.TargetKind == QueueTargetKind.Staff && logins.Contains(i.Target)) || (pool != null && i.TargetKind == QueueTargetKind.Pool && i.Target == pool)
                || logins.Contains(i.DeliveredTo!));
        }

        if (request.Company is not null || request.Channel is not null)
        {
            var ids = conversations.Select(c => c.Id);
            items = items.Where(i => i.ConversationId != null && ids.Contains(i.ConversationId.Value));
        }

        var rows = await items.Select(i => new { i.Id, i.ConversationId, i.Kind, i.Target, i.CreatedAt, i.DueAt, i.AnsweredAt, i.NoticeSentAt })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var kept = 0;
        var pending = 0;
        var overdue = new List<OverdueRequest>();
        foreach (var item in rows.OrderBy(r => r.DueAt))
        {
            DateTimeOffset? answer = item.AnsweredAt is { } answered && item.NoticeSentAt is { } notice ? (answered < notice ? answered : notice) : item.AnsweredAt ?? item.NoticeSentAt;
            if (answer is { } at && at <= item.DueAt)
            {
                kept++;
            }
            else if (answer is not null || item.DueAt < now)
            {
                overdue.Add(new OverdueRequest(item.Id, item.ConversationId, item.Kind, item.Target, item.CreatedAt, item.DueAt, answer));
            }
            else
            {
                pending++;
            }
        }

        var decided = kept + overdue.Count;
        return new SameDayReport(rows.Count, kept, overdue.Count, pending, decided == 0 ? null : Math.Round((double)kept / decided, 4), overdue);
    }

    private async Task<HandoffReport> HandoffsAsync(
        ReportRequest request, Scope scope, IQueryable<Conversation> conversations, Period period, CancellationToken cancellationToken)
    {
        var handoffs = db.Set<HandoffRecord>().AsNoTracking().Where(h => h.CreatedAt >= period.Start && h.CreatedAt < period.End);
        if (scope.Logins is { } logins)
        {
            var pool = scope.Pool;
            handoffs = handoffs.Where(h => logins.Contains(h.AssignedLogin!) || (pool != null && h.AssignedLogin == null && h.PoolDepartment == pool));
        }

        if (request.Company is { } company)
        {
            handoffs = handoffs.Where(h => h.Company == company);
        }

        if (request.Channel is not null)
        {
            var ids = conversations.Select(c => c.Id);
            handoffs = handoffs.Where(h => ids.Contains(h.ConversationId));
        }

        var rows = await handoffs.Select(h => new { h.Status, h.CreatedAt, h.UpdatedAt }).ToListAsync(cancellationToken);
        var toContact = rows.Where(h => h.Status == HandoffStatus.Contacted).Select(h => Minutes(calendar.WorkingTimeBetween(h.CreatedAt, h.UpdatedAt))).ToList();
        var outcomes = Enum.GetValues<HandoffStatus>().Select(s => new HandoffOutcome(s, rows.Count(h => h.Status == s))).ToList();
        return new HandoffReport(rows.Count, outcomes, Percentile(toContact, 0.5), Percentile(toContact, 0.9));
    }

    /// <summary>Every counting week that touches the period is counted whole, so the R9 thresholds read as the policy means them.</summary>
    private async Task<IReadOnlyList<CompanyWeek>> ConsultationsAsync(IQueryable<Conversation> conversations, Period period, CancellationToken cancellationToken)
    {
        var from = referral.WeekOf(period.Start).Start;
        var to = referral.WeekOf(period.End.AddTicks(-1)).End;
        var closed = await conversations.Where(c => c.Company != null && c.ClosedAt >= from && c.ClosedAt < to)
            .Select(c => new { Company = c.Company!, ClosedAt = c.ClosedAt!.Value, c.HandlingSeconds, c.PreparationMinutes })
            .ToListAsync(cancellationToken);
        return [.. closed
            .GroupBy(c => (c.Company, Week: referral.WeekOf(c.ClosedAt).FirstDay))
            .Select(g =>
            {
                var minutes = ConsultationMinutes.Of(g.Select(c => new ClosedConsultation(c.HandlingSeconds, c.PreparationMinutes)));
                return new CompanyWeek(g.Key.Company, g.Key.Week, g.Count(), minutes.Handling, minutes.Preparation, minutes.Total,
                    referral.ShouldReferToTraining(g.Count(), minutes.Total));
            })
            .OrderBy(w => w.WeekStart).ThenBy(w => w.Company, StringComparer.Ordinal)];
    }

    private async Task<RatingReport> RatingsAsync(IQueryable<Conversation> conversations, Period period, CancellationToken cancellationToken)
    {
        var ids = conversations.Select(c => c.Id);
        var counts = await db.Set<RatingRecord>().AsNoTracking()
            .Where(r => r.RatedAt >= period.Start && r.RatedAt < period.End && ids.Contains(r.ConversationId))
            .GroupBy(r => r.Score).Select(g => new { Score = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var distribution = Enumerable.Range(1, 5).Select(score => counts.Where(c => c.Score == score).Sum(c => c.Count)).ToList();
        var count = distribution.Sum();
        return new RatingReport(count, count == 0 ? null : Math.Round(counts.Sum(c => (double)c.Score * c.Count) / count, 2), distribution);
    }

    private async Task<IReadOnlyList<HourLoad>> LoadAsync(IQueryable<Conversation> conversations, Period period, CancellationToken cancellationToken)
    {
        var begun = await conversations.Where(c => c.CreatedAt >= period.Start && c.CreatedAt < period.End).Select(c => c.CreatedAt).ToListAsync(cancellationToken);
        var byHour = begun.CountBy(at => TimeZoneInfo.ConvertTime(at, calendar.TimeZone).Hour).ToDictionary();
        return [.. Enumerable.Range(0, 24).Select(hour => new HourLoad(hour, byHour.GetValueOrDefault(hour)))];
    }

    private static double Minutes(TimeSpan time) => Math.Round(time.TotalMinutes, 1);

    /// <summary>The nearest-rank percentile: the smallest value that at least <paramref name="share"/> of the values do not exceed.</summary>
    private static double? Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(share * sorted.Count) - 1];
    }

    private readonly record struct Period(DateTimeOffset Start, DateTimeOffset End);

    /// <summary>
    /// Whose figures: the logins the manager or department filter leaves (null: everyone) and, for a department, its pool,
    /// whose work nobody has taken yet counts too.
    /// </summary>
    private sealed record Scope(IReadOnlyList<string>? Logins, string? Pool);
}
