using System.Data.Common;
using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Presence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Chat.Server.OfflineQueue;

/// <summary>
/// A visitor's message in a conversation no agent has taken goes to the on-duty pool's queue when nobody of
/// that pool is available (one open item per conversation). (An agent's message answers the conversation's items as it
/// is stored: <see cref="IMessageLog"/>.)
/// It runs after the messages were stored and pushed, once per batch, off the senders' path: a failure here is
/// logged and never fails a send.
/// </summary>
public sealed partial class QueueUntakenVisitorMessages(
    OfflineItems items,
    PresenceBoard presence,
    IOptions<OfflineQueueOptions> options,
    ILogger<QueueUntakenVisitorMessages> logger) : INotificationHandler<MessagesStored>
{
    public async ValueTask Handle(MessagesStored notification, CancellationToken cancellationToken)
    {
        try
        {
            var answered = notification.Messages.Where(m => m.Message.Sender == SenderKind.Agent).Select(m => m.Message.ConversationId).ToHashSet();
            var untaken = notification.Messages
                .Where(m => m.Message.Sender == SenderKind.Visitor && m.Conversation.AssignedTo is null && !answered.Contains(m.Message.ConversationId))
                .DistinctBy(m => m.Message.ConversationId)
                .ToList();
            if (untaken.Count == 0 || await PoolAvailableAsync(cancellationToken))
            {
                return;
            }

            // Times are the messages' (a batch's are one): this runs after the store, and the clock may have moved on.
            foreach (var message in untaken.Select(m => m.Message))
            {
                if (await items.HasOpenItemAsync(message.ConversationId, cancellationToken))
                {
                    continue;
                }

                var payload = JsonSerializer.Serialize(
                    new { messageId = message.Id, sequence = message.Sequence, text = message.Text, visitorName = message.SenderName },
                    JsonSerializerOptions.Web);
                await items.EnqueueAsync(
                    new NewOfflineItem(OfflineItemKinds.VisitorMessage, QueueTargetKind.Pool, options.Value.DutyPool, message.ConversationId, payload, message.Id, ArrivedAt: message.SentAt),
                    cancellationToken);
            }
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            LogNotQueued(logger, e, notification.Messages.Count);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} stored messages could not be checked against the on-duty pool's queue")]
    private static partial void LogNotQueued(ILogger logger, Exception exception, int count);
}
