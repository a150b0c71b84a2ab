using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.OfflineQueue;

/// <summary>
/// The console's due list (R7): the caller's and their pool's items nobody has answered that are due by the
/// end of today or overdue, nearest due time first.
/// </summary>
public sealed record GetDueItems(Caller Caller) : IQuery<IReadOnlyList<DueItem>>;

public sealed class GetDueItemsHandler(ChatDbContext db, IDuePolicy due, TimeProvider clock) : IQueryHandler<GetDueItems, IReadOnlyList<DueItem>>
{
    public async ValueTask<IReadOnlyList<DueItem>> Handle(GetDueItems query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var endOfDay = due.EndOfDay(now);
        var login = query.Caller.Id;
        var department = await db.Staff.Where(s => s.Login == login).Select(s => s.Department).SingleOrDefaultAsync(cancellationToken) ?? string.Empty;
        var items = await db.Set<OfflineItem>().AsNoTracking()
            .Where(i => i.AnsweredAt == null && i.DueAt < endOfDay)
            .Where(i => (i.TargetKind == QueueTargetKind.Staff && i.Target == login) || (i.TargetKind == QueueTargetKind.Pool && i.Target == department))
            .OrderBy(i => i.DueAt)
            .ToListAsync(cancellationToken);
        var conversationIds = items.Where(i => i.ConversationId != null).Select(i => i.ConversationId!.Value).Distinct().ToList();
        var names = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.VisitorName, cancellationToken);
        return items.ConvertAll(i => new DueItem(
            i.Id,
            i.Kind,
            i.TargetKind,
            i.Target,
            i.ConversationId,
            i.ConversationId is { } c ? names.GetValueOrDefault(c) : null,
            i.State,
            i.DueAt,
            Overdue: i.NoticeSentAt == null && i.DueAt < now,
            i.NoticeSentAt));
    }
}
