using Chat.Contracts;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>The open conversations, the most recently active first.</summary>
public sealed record GetInbox : IQuery<IReadOnlyList<ConversationSummary>>;

public sealed class GetInboxHandler(ChatDbContext db, IOptions<ConversationOptions> options)
    : IQueryHandler<GetInbox, IReadOnlyList<ConversationSummary>>
{
    public async ValueTask<IReadOnlyList<ConversationSummary>> Handle(GetInbox query, CancellationToken cancellationToken)
    {
        var conversations = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Open && c.LastSequence > 0)
            .OrderByDescending(c => c.UpdatedAt)
            .Take(options.Value.InboxSize)
            .ToListAsync(cancellationToken);
        return conversations.ConvertAll(c => c.ToSummary());
    }
}
