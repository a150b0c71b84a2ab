using System.Data.Common;
using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Presence;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Server.OfflineQueue;

/// <summary>A message was stored in a conversation (published by <c>SendMessage</c>).</summary>
public sealed record MessageStored(Caller Caller, ChatMessage Message) : INotification;

/// <summary>
/// A visitor's message in a conversation no agent has taken goes to the on-duty pool's queue when nobody of
/// that pool is available (one open item per conversation); an agent's message answers the conversation's items.
/// The send has already succeeded: a failure here is logged and never fails it.
/// </summary>
public sealed partial class QueueUntakenVisitorMessages(
    ChatDbContext db,
    OfflineItems items,
    PresenceBoard presence,
    IOptions<OfflineQueueOptions> options,
    ILogger<QueueUntakenVisitorMessages> logger) : INotificationHandler<MessageStored>
{
    public async ValueTask Handle(MessageStored notification, CancellationToken cancellationToken)
    {
        var message = notification.Message;
        try
        {
            if (message.Sender == SenderKind.Agent)
            {
                await items.MarkAnsweredAsync(message.ConversationId, cancellationToken);
                return;
            }

            if (message.Sender != SenderKind.Visitor
                || await db.Messages.AnyAsync(m => m.ConversationId == message.ConversationId && m.Sender == SenderKind.Agent, cancellationToken)
                || await items.HasOpenItemAsync(message.ConversationId, cancellationToken)
                || await PoolAvailableAsync(cancellationToken))
            {
                return;
            }

            var payload = JsonSerializer.Serialize(
                new { messageId = message.Id, sequence = message.Sequence, text = message.Text, visitorName = message.SenderName },
                JsonSerializerOptions.Web);
            await items.EnqueueAsync(
                new NewOfflineItem(OfflineItemKinds.VisitorMessage, QueueTargetKind.Pool, options.Value.DutyPool, message.ConversationId, payload, message.Id),
                cancellationToken);
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            LogNotQueued(logger, e, message.ConversationId);
        }
    }

    private async Task<bool> PoolAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await presence.ReadAsync(cancellationToken)).IsPoolAvailable(options.Value.DutyPool);
        }
        catch (RedisException)
        {
            // Presence is unknown while Redis is down: queue it; the database keeps it until someone takes it.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A visitor message in conversation {ConversationId} could not be queued for the on-duty pool")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, Guid conversationId);
}
