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
        var marks = await db.MarksAsync(conversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        // A client that is up to date (a new widget's Resume(0), a reconnect after the last message) has nothing to read.
        List<ChatMessage> messages = marks.LastSequence <= afterSequence ? [] : (await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Sequence > afterSequence)
            .OrderBy(m => m.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken)).ConvertAll(m => m.ToContract());
        return new ResumeResult(conversationId, marks.LastSequence, messages, marks.VisitorReadSequence, marks.AgentReadSequence);
    }
}
