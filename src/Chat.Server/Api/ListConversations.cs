using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Handoff;
using Chat.Server.OfflineQueue;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Api;

/// <summary>
/// Conversations, newest first, a page at a time: <see cref="Cursor"/> is the <c>nextCursor</c> of the page before.
/// Filters: the status, the channel (<c>chat</c>: live chat only; <c>offline</c>: it holds an offline-form request; <c>email</c>:
/// it came in by e-mail), the
/// login of the agent who took it, and the account a handoff of it named (by account id).
/// </summary>
public sealed record ListConversations(ConversationStatus? Status, string? Channel, string? Assignee, string? Account, Guid? Cursor, int? Limit)
    : IQuery<ConversationPage>;

/// <summary>One conversation's line.</summary>
public sealed record GetConversation(Caller Caller, Guid ConversationId) : IQuery<ConversationSummary>, IConversationRequest;

public sealed class ListConversationsValidator : AbstractValidator<ListConversations>
{
    public ListConversationsValidator(IOptions<ApiOptions> options)
    {
        RuleFor(q => q.Channel).Must(ConversationChannels.IsKnown).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage(ConversationChannels.KnownMessage);
        RuleFor(q => q.Limit).InclusiveBetween(1, options.Value.MaxPageSize).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage($"limit is 1 to {options.Value.MaxPageSize}.");
        RuleFor(q => q.Assignee).MaximumLength(64).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("assignee is a staff login.");
        RuleFor(q => q.Account).MaximumLength(100).WithErrorCode(ErrorCodes.AccountTooLong).WithMessage("account is an account id.");
    }
}

public sealed class ListConversationsHandler(ChatDbContext db, IOptions<ApiOptions> options)
    : IQueryHandler<ListConversations, ConversationPage>, IQueryHandler<GetConversation, ConversationSummary>
{
    public async ValueTask<ConversationPage> Handle(ListConversations query, CancellationToken cancellationToken)
    {
        var conversations = db.Conversations.AsNoTracking();
        if (query.Status is { } status)
        {
            conversations = conversations.Where(c => c.Status == status);
        }

        if (query.Assignee is { Length: > 0 } assignee)
        {
            var login = assignee.Trim().ToLowerInvariant();
            conversations = conversations.Where(c => c.AssignedTo == login);
        }

        if (query.Account is { Length: > 0 } account)
        {
            var id = account.Trim();
            var named = db.Set<HandoffRecord>().Where(h => h.AccountId == id).Select(h => h.ConversationId);
            conversations = conversations.Where(c => named.Contains(c.Id));
        }

        if (query.Channel is { } channel)
        {
            conversations = conversations.InChannel(db, channel);
        }

        if (query.Cursor is { } cursor)
        {
            // Ids are version 7: their order is the order the conversations were started in.
            conversations = conversations.Where(c => c.Id.CompareTo(cursor) < 0);
        }

        var limit = query.Limit ?? options.Value.PageSize;
        var page = await conversations.OrderByDescending(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).Select(c => c.ToSummary()).ToList();
        return new ConversationPage(items, page.Count > limit ? items[^1].Id.ToString() : null);
    }

    public async ValueTask<ConversationSummary> Handle(GetConversation query, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ConversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        return conversation.ToSummary();
    }
}
