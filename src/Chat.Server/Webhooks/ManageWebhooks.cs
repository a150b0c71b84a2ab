using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Webhooks;

/// <summary>An administrator subscribes a URL to events; the signing secret is answered once. It follows what happens from now on.</summary>
public sealed record CreateWebhook(string? Url, IReadOnlyList<string>? Events, string? Description, string CreatedBy) : ICommand<CreatedWebhook>;

/// <summary>Every subscription, newest first; never a secret.</summary>
public sealed record ListWebhooks : IQuery<IReadOnlyList<WebhookInfo>>;

/// <summary>
/// Pauses a subscription (its events wait, up to the retention) or resumes it: delivery goes on from where it stopped,
/// with its failures forgotten.
/// </summary>
public sealed record SetWebhookPaused(Guid Id, bool Paused) : ICommand<WebhookInfo>;

/// <summary>Deletes a subscription and its deliveries' record.</summary>
public sealed record DeleteWebhook(Guid Id) : ICommand<WebhookInfo>;

/// <summary>A subscription's latest deliveries, newest first, with their attempts.</summary>
public sealed record ListWebhookDeliveries(Guid Id, int Limit) : IQuery<IReadOnlyList<WebhookDeliveryInfo>>;

/// <summary>Sends one event to the subscription again now (with the same event id), whatever became of it before.</summary>
public sealed record RedeliverWebhookEvent(Guid Id, Guid EventId) : ICommand<WebhookDeliveryInfo>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhook>
{
    public CreateWebhookValidator()
    {
        RuleFor(c => c.Url).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("url is required.");
        RuleFor(c => c.Events).Must(e => e is { Count: > 0 } && e.All(WebhookEvents.All.Contains)).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage($"events are one or more of: {string.Join(", ", WebhookEvents.All)}.");
        RuleFor(c => c.Description).MaximumLength(200).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("description is up to 200 characters.").PlainText();
    }
}

public sealed partial class WebhookHandlers(
    ChatDbContext db,
    WebhookOutbox outbox,
    WebhookDispatcher dispatcher,
    IDataProtectionProvider protection,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookHandlers> logger)
    : ICommandHandler<CreateWebhook, CreatedWebhook>,
        IQueryHandler<ListWebhooks, IReadOnlyList<WebhookInfo>>,
        ICommandHandler<SetWebhookPaused, WebhookInfo>,
        ICommandHandler<DeleteWebhook, WebhookInfo>,
        IQueryHandler<ListWebhookDeliveries, IReadOnlyList<WebhookDeliveryInfo>>,
        ICommandHandler<RedeliverWebhookEvent, WebhookDeliveryInfo>
{
    public async ValueTask<CreatedWebhook> Handle(CreateWebhook command, CancellationToken cancellationToken)
    {
        var url = await WebhookUrls.CheckAsync(command.Url, options.Value.AllowPrivateAddresses, cancellationToken);
        var secret = WebhookSignature.NewSecret();
        var now = clock.GetUtcNow();
        var (cursorTransaction, cursor) = await WebhookDispatcher.StartAsync(db, cancellationToken);
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now),
            Url = url.AbsoluteUri,
            Events = string.Join(' ', command.Events!.Distinct(StringComparer.Ordinal)),
            Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            ProtectedSecret = protection.CreateProtector(WebhookDispatcher.SecretPurpose).Protect(secret),
            CursorTransaction = cursorTransaction,
            Cursor = cursor,
            CreatedAt = now,
            CreatedBy = command.CreatedBy,
        };
        db.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Add(subscription.EventList);
        LogCreated(logger, subscription.Id, url.Host, subscription.Events, command.CreatedBy);
        return new CreatedWebhook(subscription.ToContract(), secret);
    }

    public async ValueTask<IReadOnlyList<WebhookInfo>> Handle(ListWebhooks query, CancellationToken cancellationToken)
    {
        var subscriptions = await db.Set<WebhookSubscription>().AsNoTracking().OrderByDescending(s => s.CreatedAt).ToListAsync(cancellationToken);
        return subscriptions.ConvertAll(s => s.ToContract());
    }

    public async ValueTask<WebhookInfo> Handle(SetWebhookPaused command, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(command.Id, cancellationToken);
        if (command.Paused && subscription.Status != WebhookSubscription.Paused)
        {
            (subscription.Status, subscription.PausedAt) = (WebhookSubscription.Paused, clock.GetUtcNow());
        }
        else if (!command.Paused)
        {
            (subscription.Status, subscription.PausedAt, subscription.ConsecutiveFailures, subscription.RetryAt) = (WebhookSubscription.Active, null, 0, null);
        }

        await db.SaveChangesAsync(cancellationToken);
        LogPausedOrResumed(logger, subscription.Id, subscription.Status);
        return subscription.ToContract();
    }

    public async ValueTask<WebhookInfo> Handle(DeleteWebhook command, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(command.Id, cancellationToken);
        db.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        LogDeleted(logger, subscription.Id);
        return subscription.ToContract();
    }

    public async ValueTask<IReadOnlyList<WebhookDeliveryInfo>> Handle(ListWebhookDeliveries query, CancellationToken cancellationToken)
    {
        await FindAsync(query.Id, cancellationToken);
        var rows = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.SubscriptionId == query.Id)
            .OrderByDescending(d => d.EventPosition)
            .Take(Math.Clamp(query.Limit, 1, 500))
            .Join(db.Set<WebhookEventRecord>(), d => d.EventPosition, e => e.Position, (d, e) => new { d, e })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => Info(r.d, r.e));
    }

    public async ValueTask<WebhookDeliveryInfo> Handle(RedeliverWebhookEvent command, CancellationToken cancellationToken)
    {
        var subscription = await FindAsync(command.Id, cancellationToken);
        var e = await db.Set<WebhookEventRecord>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == command.EventId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.WebhookNotFound, "No event has this id (events are kept for the retention period).");
        var delivery = await dispatcher.RedeliverAsync(db, subscription, e, cancellationToken);
        return Info(delivery, e);
    }

    private async Task<WebhookSubscription> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Set<WebhookSubscription>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new ChatException(ErrorCodes.WebhookNotFound, "No webhook subscription has this id.");

    private static WebhookDeliveryInfo Info(WebhookDelivery d, WebhookEventRecord e) =>
        new(e.Id, e.Type, e.ConversationId, e.OccurredAt, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.LastAttemptAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} to {Host} for {Events} created by {Login}")]
    private static partial void LogCreated(ILogger logger, Guid webhookId, string host, string events, string login);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} is now {Status}")]
    private static partial void LogPausedOrResumed(ILogger logger, Guid webhookId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} deleted")]
    private static partial void LogDeleted(ILogger logger, Guid webhookId);
}
