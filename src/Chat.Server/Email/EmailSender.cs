using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Hosting;
using Chat.Server.Realtime;
using Mediator;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;

namespace Chat.Server.Email;

/// <summary>
/// Sends the answers of e-mail conversations over SMTP from their mailbox, each mailbox on the one node that holds its
/// lease (<see cref="ClusterLease"/>). It looks when a message is stored (<see cref="WakeEmailSender"/>) and every
/// <see cref="MailboxOptions.PollInterval"/>, so a restart resumes the outbox (<see cref="EmailOutbox"/>). A try that fails
/// is recorded as failed with its reason and made again after 1 s, 2 s, 4 s… (Polly, with jitter, up to
/// <see cref="EmailOptions.MaxReconnectDelay"/>); a mail the server refuses for good (5xx) is not tried again. Every try
/// sends the same Message-ID.
/// </summary>
public sealed partial class EmailSender(
    IOptions<EmailOptions> options,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    EmailSendSignal signal,
    LiveFeed feed,
    ILogger<EmailSender> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Mailboxes.Select(box => Task.Run(() => SendAsync(box, stoppingToken), stoppingToken)));

    private async Task SendAsync(MailboxOptions box, CancellationToken stoppingToken)
    {
        await using var lease = new ClusterLease(configuration, $"mailbox-send:{box.Key}");
        var retry = options.Value.Backoff(e => Reason(e, stoppingToken) is not SendErrors.Refused and not null);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var woken = signal.Wake.Next;
                await BackgroundTurns.TryAsync($"mailbox-send:{box.Key}", logger, async () =>
                {
                    if (await lease.HoldAsync(stoppingToken))
                    {
                        await SendPendingAsync(box, lease, retry, stoppingToken);
                    }
                }, stoppingToken);
                await Wakeup.WaitAsync(woken, box.PollInterval, TimeProvider.System, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops; what is not sent waits in the outbox.
        }
    }

    private async Task SendPendingAsync(MailboxOptions box, ClusterLease lease, ResiliencePipeline retry, CancellationToken cancellationToken)
    {
        List<Guid> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<EmailOutbox>().PendingAsync(box, cancellationToken);
        }

        foreach (var messageId in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<EmailOutbox>();
            if (await outbox.PrepareAsync(box, messageId, cancellationToken) is not { } prepared)
            {
                continue;
            }

            var (mail, record, queued) = prepared;
            if (mail is null)
            {
                LogNotMade(logger, box.Key, record.ConversationId, messageId, record.LastError ?? SendErrors.Refused);
                await PushAsync(EmailOutbox.State(record));
                continue;
            }

            using (mail)
            {
                if (queued)
                {
                    await PushAsync(EmailOutbox.State(record));
                }

                bool sent;
                try
                {
                    sent = await retry.ExecuteAsync(token => TryAsync(box, lease, outbox, mail, record, token), cancellationToken);
                }
                catch (Exception e) when (Reason(e, cancellationToken) == SendErrors.Refused)
                {
                    continue;
                }

                if (!sent)
                {
                    return;
                }

                await PushAsync(await outbox.RecordAsync(record, EmailSendStatus.Sent, null, cancellationToken));
                LogSent(logger, box.Key, record.ConversationId, messageId, record.Attempts);
            }
        }
    }

    /// <summary>
    /// One try; a failure is recorded, told to the consoles and thrown for the retry. Only the lease's holder sends: a node
    /// that lost it between tries leaves the mail to the new holder (false).
    /// </summary>
    private async ValueTask<bool> TryAsync(MailboxOptions box, ClusterLease lease, EmailOutbox outbox, MimeMessage mail, EmailMessageRecord record, CancellationToken cancellationToken)
    {
        if (!await lease.HoldAsync(cancellationToken))
        {
            return false;
        }

        try
        {
            await DeliverAsync(box, mail, cancellationToken);
            return true;
        }
        catch (Exception e) when (Reason(e, cancellationToken) is { } reason)
        {
            LogFailed(logger, e, box.Key, record.ConversationId, record.ChatMessageId ?? Guid.Empty, record.Attempts + 1, reason);
            var status = reason == SendErrors.Refused ? EmailSendStatus.Refused : EmailSendStatus.Failed;
            await PushAsync(await outbox.RecordAsync(record, status, reason, cancellationToken));
            throw;
        }
    }

    private static async Task DeliverAsync(MailboxOptions box, MimeMessage mail, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)box.Smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(box.Smtp.Host, box.Smtp.Port, box.Smtp.Security, cancellationToken);
        if (!string.IsNullOrWhiteSpace(box.Smtp.User))
        {
            await client.AuthenticateAsync(box.Smtp.User, box.Smtp.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    private Task PushAsync(EmailState state) =>
        feed.PushAsync(new Push(Audience.Agents(state.ConversationId), nameof(IAgentClient.EmailStateChanged), state));

    /// <summary>Why a try failed, as the console reads it (<see cref="SendErrors"/>), or null for what is no failure of the mail (the server stops).</summary>
    private static string? Reason(Exception e, CancellationToken stopping) => e switch
    {
        OperationCanceledException when stopping.IsCancellationRequested => null,
        SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } => SendErrors.Refused,
        SmtpCommandException => SendErrors.Deferred,
        AuthenticationException => SendErrors.Authentication,
        // A refused connection, a broken or silent one, a protocol or TLS failure: the server is not there as it should be.
        _ => SendErrors.Unreachable,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Answer {MessageId} of conversation {ConversationId} sent from mailbox {Mailbox} (try {Attempts})")]
    private static partial void LogSent(ILogger logger, string mailbox, Guid conversationId, Guid messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answer {MessageId} of conversation {ConversationId} could not be made into a mail for mailbox {Mailbox}: {Reason}; it is not sent")]
    private static partial void LogNotMade(ILogger logger, string mailbox, Guid conversationId, Guid messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer {MessageId} of conversation {ConversationId} not sent from mailbox {Mailbox} (try {Attempts}): {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string mailbox, Guid conversationId, Guid messageId, int attempts, string reason);
}

/// <summary>Why an answer was not sent, as <see cref="EmailState.Error"/> says it.</summary>
public static class SendErrors
{
    /// <summary>The SMTP server could not be reached or the connection broke; tried again.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The SMTP server turned the mail away for now (4xx); tried again.</summary>
    public const string Deferred = "deferred";

    /// <summary>The SMTP server did not accept the mailbox's login; tried again (the settings may be fixed meanwhile).</summary>
    public const string Authentication = "authentication";

    /// <summary>The SMTP server refused the mail for good (5xx, such as an unknown recipient); not tried again.</summary>
    public const string Refused = "refused";

    /// <summary>A file attached to the answer is no longer stored, so the mail cannot be made; not tried again.</summary>
    public const string AttachmentMissing = "attachment_missing";
}

/// <summary>Wakes the senders of this node: an answer may wait.</summary>
public sealed class EmailSendSignal
{
    public Wakeup Wake { get; } = new();
}

/// <summary>A stored agent's or system message of an e-mail conversation may be its answer: the senders look now rather than at their next poll.</summary>
public sealed class WakeEmailSender(EmailSendSignal signal) : INotificationHandler<MessagesStored>
{
    public ValueTask Handle(MessagesStored notification, CancellationToken cancellationToken)
    {
        if (notification.Messages.Any(m => m.Message.Sender != SenderKind.Visitor && m.Conversation.Channel == ConversationChannels.Email))
        {
            signal.Wake.Set();
        }

        return ValueTask.CompletedTask;
    }
}
