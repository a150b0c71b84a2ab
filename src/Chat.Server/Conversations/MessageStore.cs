using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Conversations;

/// <summary>
/// Stores messages. A message gets the next per-conversation sequence number in the same
/// transaction that inserts it: the conversation row is bumped first, which locks it until
/// commit, so two nodes writing to one conversation take turns and never share a number.
/// </summary>
public sealed class MessageStore(ChatDbContext db, TimeProvider clock)
{
    public async Task<SendResult> AppendAsync(Guid conversationId, Caller sender, Guid clientMessageId, string text, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(conversationId, clientMessageId, cancellationToken);
        if (existing is not null)
        {
            return new SendResult(existing, Duplicate: true);
        }

        var now = clock.GetUtcNow();
        var preview = text.Length > 200 ? text[..200] : text;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var bumped = await db.Conversations
                .Where(c => c.Id == conversationId)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.LastSequence, c => c.LastSequence + 1)
                    .SetProperty(c => c.UpdatedAt, now)
                    .SetProperty(c => c.LastText, preview), cancellationToken);
            if (bumped == 0)
            {
                throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
            }

            var sequence = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.LastSequence).SingleAsync(cancellationToken);
            var message = new Message
            {
                Id = Guid.CreateVersion7(now),
                ConversationId = conversationId,
                Sequence = sequence,
                ClientMessageId = clientMessageId,
                Sender = sender.Kind,
                SenderId = sender.Id,
                SenderName = sender.Name,
                Text = text,
                SentAt = now,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new SendResult(message.ToContract(), Duplicate: false);
        }
        catch (DbUpdateException)
        {
            // The same client id raced in through another connection: the first one won.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var winner = await FindAsync(conversationId, clientMessageId, cancellationToken);
            return winner is not null ? new SendResult(winner, Duplicate: true) : throw new ChatException(ErrorCodes.Internal, "The message could not be stored; please retry.");
        }
    }

    public async Task<ResumeResult> ReadAfterAsync(Guid conversationId, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var last = await db.Conversations.Where(c => c.Id == conversationId).Select(c => (long?)c.LastSequence).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Sequence > afterSequence)
            .OrderBy(m => m.Sequence)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return new ResumeResult(conversationId, last, messages.ConvertAll(m => m.ToContract()));
    }

    public async Task<ConversationSummary> SummaryAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, cancellationToken);
        return conversation.ToSummary();
    }

    private async Task<ChatMessage?> FindAsync(Guid conversationId, Guid clientMessageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId, cancellationToken);
        return message?.ToContract();
    }
}
