using System.Runtime.CompilerServices;
using Chat.Server.Hosting;
using Chat.Server.Operations;
using Chat.Server.Pipeline;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Chat.Server.Email;

/// <summary>
/// Reads every configured mailbox over IMAP, each on the one node that holds its lease (<see cref="ClusterLease"/>, so a
/// mailbox moves to another node when its reader dies). New mail is pushed by IMAP IDLE where the server has it, else
/// looked for every <see cref="MailboxOptions.PollInterval"/>; a lost connection is made again with growing, jittered
/// waits (Polly). Each new UID is checked for size before it is fetched, parsed, judged (<see cref="MailFilter"/>) and
/// stored (<see cref="EmailIntake"/>); only then is the UID recorded as done, so a crash in between reads the mail again
/// and its Message-ID keeps it one message.
/// </summary>
public sealed partial class MailboxReader(
    IOptions<EmailOptions> options,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ChatMetrics metrics,
    ILogger<MailboxReader> logger) : BackgroundService
{
    private const int FetchBatch = 50;

    /// <summary>The lag compares with the mail server's arrival stamps, which are on real time.</summary>
    private static readonly TimeProvider Arrivals = TimeProvider.System;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.Mailboxes.Select(box => Task.Run(() => ReadAsync(box, stoppingToken), stoppingToken)));

    private async Task ReadAsync(MailboxOptions box, CancellationToken stoppingToken)
    {
        await using var lease = new ClusterLease(configuration, $"mailbox:{box.Key}");

        // A connection that read the mailbox before it failed starts the waits again from the first one.
        var healthy = new StrongBox<bool>();
        var reconnect = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException || !stoppingToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.ReconnectDelay,
            MaxDelay = options.Value.MaxReconnectDelay,
            DelayGenerator = _ => ValueTask.FromResult(healthy.Value ? options.Value.ReconnectDelay : (TimeSpan?)null),
            OnRetry = args =>
            {
                healthy.Value = false;
                LogReconnecting(logger, args.Outcome.Exception, box.Key, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await lease.HoldAsync(stoppingToken))
                {
                    await reconnect.ExecuteAsync(async token => await SessionAsync(box, lease, healthy, token), stoppingToken);
                }
                else
                {
                    await Task.Delay(box.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
    }

    /// <summary>One connection: reads what is new, waits for more, and ends when the lease is lost.</summary>
    private async Task SessionAsync(MailboxOptions box, ClusterLease lease, StrongBox<bool> healthy, CancellationToken cancellationToken)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(box.Imap.Host, box.Imap.Port, box.Imap.Security, cancellationToken);
        await client.AuthenticateAsync(box.Imap.User, box.Imap.Password, cancellationToken);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        LogConnected(logger, box.Key, client.Capabilities.HasFlag(ImapCapabilities.Idle));
        while (await lease.HoldAsync(cancellationToken))
        {
            await ReadNewAsync(box, inbox, cancellationToken);
            healthy.Value = true;
            await WaitForMailAsync(client, inbox, box.PollInterval, cancellationToken);
        }

        metrics.MailboxLag(box.Key, null);
        LogLeaseLost(logger, box.Key);
        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>IDLE until the mailbox grows or the poll interval ends; without IDLE, a plain wait and a NOOP.</summary>
    private static async Task WaitForMailAsync(ImapClient client, IMailFolder inbox, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(interval, cancellationToken);
            await client.NoOpAsync(cancellationToken);
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        done.CancelAfter(interval);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        inbox.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, cancellationToken);
        }
        finally
        {
            inbox.CountChanged -= Arrived;
        }
    }

    private async Task ReadNewAsync(MailboxOptions box, IMailFolder inbox, CancellationToken cancellationToken)
    {
        var validity = (long)inbox.UidValidity;
        long last;
        await using (var scope = scopes.CreateAsyncScope())
        {
            last = await scope.ServiceProvider.GetRequiredService<EmailIntake>().LastUidAsync(box.Key, validity, cancellationToken);
        }

        // "N:*" names the newest mail even when its UID is below N: only UIDs after the last one done count.
        var range = new UniqueIdRange(new UniqueId(inbox.UidValidity, (uint)Math.Min(last + 1, uint.MaxValue)), UniqueId.MaxValue);
        var fresh = (await inbox.SearchAsync(SearchQuery.Uids(range), cancellationToken)).Where(u => u.Id > last).OrderBy(u => u.Id).ToList();
        foreach (var batch in fresh.Chunk(FetchBatch))
        {
            var summaries = await inbox.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.InternalDate, cancellationToken);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId.Id))
            {
                if (summary.InternalDate is { } arrived)
                {
                    metrics.MailboxLag(box.Key, Arrivals.GetUtcNow() - arrived);
                }

                await using var scope = scopes.CreateAsyncScope();
                var intake = scope.ServiceProvider.GetRequiredService<EmailIntake>();
                await ReadOneAsync(box, inbox, summary, validity, intake, cancellationToken);
                await intake.AdvanceAsync(box.Key, validity, summary.UniqueId.Id, cancellationToken);
            }
        }

        metrics.MailboxLag(box.Key, TimeSpan.Zero);
    }

    private async Task ReadOneAsync(MailboxOptions box, IMailFolder inbox, IMessageSummary summary, long validity, EmailIntake intake, CancellationToken cancellationToken)
    {
        var uid = summary.UniqueId.Id;
        var size = (long)(summary.Size ?? 0);
        if (size > box.MaxMessageBytes)
        {
            await intake.SetAsideAsync(box.Key, validity, uid, SetAsideReasons.TooLarge, size, cancellationToken);
            return;
        }

        MimeMessage message;
        await using (var stream = await inbox.GetStreamAsync(summary.UniqueId, cancellationToken))
        {
            try
            {
                message = await MimeMessage.LoadAsync(MailFilter.Parsing, stream, cancellationToken);
            }
            catch (FormatException e)
            {
                LogUnparsable(logger, box.Key, uid, e.GetType().Name);
                await intake.SetAsideAsync(box.Key, validity, uid, SetAsideReasons.Malformed, size, cancellationToken);
                return;
            }
        }

        using (message)
        {
            if ((MailFilter.Malformed(message) ?? MailFilter.Robot(message)) is { } reason)
            {
                await intake.SetAsideAsync(box.Key, validity, uid, reason, size, cancellationToken);
                return;
            }

            var from = message.From.Mailboxes.First();
            var name = MailFilter.Clean(from.Name ?? string.Empty, multiLine: false) is { Length: > 0 } given ? given : from.Address;
            var subject = MailFilter.Clean(message.Subject ?? string.Empty, multiLine: false);
            var mail = new IncomingMail(MailFilter.MessageKey(message, validity, uid), MailFilter.ThreadKeys(message), from.Address,
                MailFilter.Cap(name, 100), subject.Length > 0 ? MailFilter.Cap(subject, 300) : null, MailFilter.Text(message), uid, MailFilter.Files(message));
            try
            {
                await intake.ReceiveAsync(box, mail, cancellationToken);
            }
            catch (ChatException e) when (e.Code != Chat.Contracts.ErrorCodes.Internal)
            {
                LogRefused(logger, box.Key, uid, e.Code);
                await intake.SetAsideAsync(box.Key, validity, uid, SetAsideReasons.Refused, size, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox} connected (IMAP IDLE {Idle})")]
    private static partial void LogConnected(ILogger logger, string mailbox, bool idle);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}: another node holds its lease now; this one stops reading it")]
    private static partial void LogLeaseLost(ILogger logger, string mailbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox} failed; connecting again in {Delay}")]
    private static partial void LogReconnecting(ILogger logger, Exception? exception, string mailbox, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Uid} of mailbox {Mailbox} is not MIME that can be parsed ({Error})")]
    private static partial void LogUnparsable(ILogger logger, string mailbox, long uid, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Uid} of mailbox {Mailbox} was refused by the message path: {ErrorCode}")]
    private static partial void LogRefused(ILogger logger, string mailbox, long uid, string errorCode);
}
