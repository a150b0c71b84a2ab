using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Conversations;

/// <summary>Reads stored messages; writes go through <see cref="MessageWriter"/>.</summary>
public sealed class MessageStore(ChatDbContext db)
{
    public async Task<ResumeResult> ReadAfterAsync(Guid conversationId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var marks = await db.Conversations.Where(c => c.Id == conversationId)
            .Select(c => new { c.LastSequence, c.VisitorReadSequence, c.AgentReadSequence }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Sequence > afterSequence)
            .OrderBy(m => m.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return new ResumeResult(conversationId, marks.LastSequence, messages.ConvertAll(m => m.ToContract()), marks.VisitorReadSequence, marks.AgentReadSequence);
    }
}
