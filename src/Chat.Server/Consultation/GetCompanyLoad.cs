using Chat.Contracts;
using Chat.Server.Handoff;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Consultation;

/// <summary>
/// The company panel of a conversation (R9): the identified client's company, its closed requests this week
/// (the policy's calendar week, in its time zone) and their minutes (handling plus preparation), and whether the policy
/// recommends involving Training &amp; Implementation. Null when the conversation has no identified company.
/// </summary>
public sealed record GetCompanyLoad(Caller Caller, Guid ConversationId) : IQuery<CompanyLoad?>, IConversationRequest;

public sealed class GetCompanyLoadValidator : AbstractValidator<GetCompanyLoad>
{
    public GetCompanyLoadValidator() =>
        RuleFor(q => q.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("The company panel is for staff.");
}

public sealed class GetCompanyLoadHandler(ChatDbContext db, ITrainingReferral referral, TimeProvider clock) : IQueryHandler<GetCompanyLoad, CompanyLoad?>
{
    public async ValueTask<CompanyLoad?> Handle(GetCompanyLoad query, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ConversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        var company = conversation.Company ?? await db.Set<HandoffRecord>().AsNoTracking()
            .Where(h => h.ConversationId == query.ConversationId && h.Company != null)
            .OrderByDescending(h => h.CreatedAt).Select(h => h.Company).FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        var week = referral.WeekOf(clock.GetUtcNow());
        var closed = await db.Conversations.AsNoTracking()
            .Where(c => c.Company == company && c.ClosedAt >= week.Start && c.ClosedAt < week.End)
            .Select(c => new ClosedConsultation(c.HandlingSeconds, c.PreparationMinutes))
            .ToListAsync(cancellationToken);
        var minutes = ConsultationMinutes.Of(closed);
        return new CompanyLoad(company, week.FirstDay, closed.Count, minutes.Total, referral.ShouldReferToTraining(closed.Count, minutes.Total), referral.TrainingDepartment.Key);
    }
}

/// <summary>A closed conversation as R9 counts it: its handling time and the preparation minutes the manager entered.</summary>
public sealed record ClosedConsultation(double HandlingSeconds, int PreparationMinutes);

/// <summary>
/// A company's week of consultations in minutes (R9), the one way the company panel and the reports work them out:
/// handling summed and rounded to a tenth, preparation added.
/// </summary>
public readonly record struct ConsultationMinutes(double Handling, int Preparation, double Total)
{
    public static ConsultationMinutes Of(IEnumerable<ClosedConsultation> closed)
    {
        var list = closed as IReadOnlyCollection<ClosedConsultation> ?? [.. closed];
        var handling = Math.Round(list.Sum(c => c.HandlingSeconds) / 60, 1);
        var preparation = list.Sum(c => c.PreparationMinutes);
        return new ConsultationMinutes(handling, preparation, Math.Round(handling + preparation, 1));
    }
}
