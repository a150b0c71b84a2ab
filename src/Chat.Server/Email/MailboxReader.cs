using Chat.Server.Hosting;
using Chat.Server.Operations;
using Chat.Server.Pipeline;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Chat.Server.Email;

/// <summary>
/// Reads every configured mailbox over IMAP, each on the one node that holds its lease (<see cref="ClusterLease"/>, so a
/// mailbox moves to another node when its reader dies). New mail is pushed by IMAP IDLE where the server has it, else
/// looked for every <see cref="MailboxOptions.PollInterval"/>. A connection that cannot be opened is tried again with growing,
/// jittered waits (<see cref="EmailOptions.Backoff"/>); one that worked and was lost is made again after the first wait. Each new UID is checked for size before it is fetched, parsed, judged (<see cref="MailFilter"/>) and
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
        var open = options.Value.Backoff(
            e => e is not OperationCanceledException || !stoppingToken.IsCancellationRequested,
            args =>
            {
                LogReconnecting(logger, args.Outcome.Exception, box.Key, args.RetryDelay);
                return ValueTask.CompletedTask;
            });
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!await lease.HoldAsync(stoppingToken))
                {
                    await Task.Delay(box.PollInterval, stoppingToken);
                    continue;
                }

                // Only failures in a row make the waits grow: each connection that opened starts them from the first again.
                using var client = await open.ExecuteAsync(token => OpenAsync(box, token), stoppingToken);
                try
                {
                    await SessionAsync(box, client, lease, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogReconnecting(logger, e, box.Key, options.Value.ReconnectDelay);
                    await Task.Delay(options.Value.ReconnectDelay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
    }

    /// <summary>A connection, signed in, with the inbox open and what is new in it read.</summary>
    private async ValueTask<ImapClient> OpenAsync(MailboxOptions box, CancellationToken cancellationToken)
    {
        var client = new ImapClient();
        try
        {
            await client.ConnectAsync(box.Imap.Host, box.Imap.Port, box.Imap.Security, cancellationToken);
            await client.AuthenticateAsync(box.Imap.User, box.Imap.Password, cancellationToken);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            LogConnected(logger, box.Key, client.Capabilities.HasFlag(ImapCapabilities.Idle));
            await ReadNewAsync(box, client.Inbox, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The open connection: waits for mail and reads what is new, until the lease is lost.</summary>
    private async Task SessionAsync(MailboxOptions box, ImapClient client, ClusterLease lease, CancellationToken cancellationToken)
    {
        await WaitForMailAsync(client, client.Inbox, box.PollInterval, cancellationToken);
        while (await lease.HoldAsync(cancellationToken))
        {
            await ReadNewAsync(box, client.Inbox, cancellationToken);
            await WaitForMailAsync(client, client.Inbox, box.PollInterval, cancellationToken);
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
            var name = TextRules.Clean(from.Name ?? string.Empty, multiLine: false) is { Length: > 0 } given ? given : from.Address;
            var subject = TextRules.Clean(message.Subject ?? string.Empty, multiLine: false);
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
