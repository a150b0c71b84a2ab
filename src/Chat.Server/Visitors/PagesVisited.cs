using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Email;
using Chat.Server.Pipeline;
using Chat.Server.Presence;
using Chat.Server.Ratings;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Chat.Server.Visitors;

/// <summary>A page the visitor of a conversation opened: its origin and path only (the query and fragment may carry secrets).</summary>
public sealed class PageVisitRecord
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public required string Url { get; set; }
    public string? Title { get; set; }
    public DateTimeOffset ViewedAt { get; set; }

    public PageVisit ToContract() => new(ConversationId, Url, Title, ViewedAt);
}

internal sealed class PageVisitRecordConfiguration : IEntityTypeConfiguration<PageVisitRecord>
{
    public void Configure(EntityTypeBuilder<PageVisitRecord> e)
    {
        e.ToTable("PageVisits");
        e.HasIndex(p => new { p.ConversationId, p.ViewedAt });
        e.Property(p => p.Url).HasMaxLength(PageViewRules.MaxUrlLength);
        e.Property(p => p.Title).HasMaxLength(PageViewRules.MaxTitleLength);
        e.HasOne<Conversation>().WithMany().HasForeignKey(p => p.ConversationId);
    }
}

/// <summary>What the server keeps of a page address and title.</summary>
public static class PageViewRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxTitleLength = 200;

    /// <summary>The scheme, host, port and path of an absolute http(s) address; null for anything else.</summary>
    public static string? Keep(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : null;

    /// <summary>The title as one line of plain text, cut to <see cref="MaxTitleLength"/>; null when blank.</summary>
    public static string? Title(string? title)
    {
        var line = string.Join(' ', (title ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(part => new string([.. part.Where(c => !char.IsControl(c))])));
        return line.Length == 0 ? null : line[..Math.Min(line.Length, MaxTitleLength)];
    }
}

/// <summary>The visitor's widget reports the page it is on.</summary>
public sealed record RecordPageView(Caller Caller, Guid ConversationId, string? Url, string? Title) : ICommand, IConversationRequest;

public sealed class RecordPageViewValidator : AbstractValidator<RecordPageView>
{
    public RecordPageViewValidator() =>
        RuleFor(p => p.Url).Cascade(CascadeMode.Stop)
            .MaximumLength(PageViewRules.MaxUrlLength).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage($"The address is longer than {PageViewRules.MaxUrlLength} characters.")
            .Must(url => PageViewRules.Keep(url) is not null).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The address must be an absolute http or https address.");
}

/// <summary>Stores the page (a reload of the page the visitor was already on only moves its time) and keeps the latest <see cref="VisitorOptions.PagesKept"/>.</summary>
public sealed class RecordPageViewHandler(ChatDbContext db, ConversationNotifier notifier, TimeProvider clock, IOptions<VisitorOptions> options)
    : ICommandHandler<RecordPageView>
{
    public async ValueTask<Unit> Handle(RecordPageView command, CancellationToken cancellationToken)
    {
        var (url, title, now) = (PageViewRules.Keep(command.Url)!, PageViewRules.Title(command.Title), clock.GetUtcNow());
        var pages = db.Set<PageVisitRecord>();
        var latest = await pages.Where(p => p.ConversationId == command.ConversationId).OrderByDescending(p => p.ViewedAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null && latest.Url == url && latest.Title == title)
        {
            latest.ViewedAt = now;
        }
        else
        {
            latest = new PageVisitRecord { Id = Guid.CreateVersion7(now), ConversationId = command.ConversationId, Url = url, Title = title, ViewedAt = now };
            pages.Add(latest);
        }

        await db.SaveChangesAsync(cancellationToken);
        var older = await pages.Where(p => p.ConversationId == command.ConversationId).OrderByDescending(p => p.ViewedAt).ThenByDescending(p => p.Id)
            .Skip(options.Value.PagesKept).Select(p => p.Id).ToListAsync(cancellationToken);
        if (older.Count > 0)
        {
            await pages.Where(p => older.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        await notifier.PageViewedAsync(latest.ToContract());
        return Unit.Value;
    }
}

/// <summary>The console's visitor details of a conversation: who, since when, online now, the latest pages.</summary>
public sealed record GetVisitorDetails(Caller Caller, Guid ConversationId) : IQuery<VisitorDetails>, IConversationRequest;

public sealed class GetVisitorDetailsValidator : AbstractValidator<GetVisitorDetails>
{
    public GetVisitorDetailsValidator() =>
        RuleFor(q => q.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Visitor details are for staff.");
}

public sealed class GetVisitorDetailsHandler(ChatDbContext db, PresenceBoard presence) : IQueryHandler<GetVisitorDetails, VisitorDetails>
{
    public async ValueTask<VisitorDetails> Handle(GetVisitorDetails query, CancellationToken cancellationToken)
    {
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ConversationId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        var pages = await db.Set<PageVisitRecord>().AsNoTracking().Where(p => p.ConversationId == query.ConversationId)
            .OrderByDescending(p => p.ViewedAt).ThenByDescending(p => p.Id).ToListAsync(cancellationToken);
        var online = (await presence.ReadAsync(cancellationToken)).Snapshot.Visitors.Any(v => v.ConversationId == query.ConversationId && v.Online);
        var rating = await db.Set<RatingRecord>().AsNoTracking().SingleOrDefaultAsync(r => r.ConversationId == query.ConversationId, cancellationToken);
        var email = conversation.Channel != ConversationChannels.Email ? null : await db.Set<EmailMessageRecord>().AsNoTracking()
            .Where(m => m.ConversationId == query.ConversationId && m.Direction == EmailDirection.Incoming && m.Address != null)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Select(m => m.Address).FirstOrDefaultAsync(cancellationToken);
        return new VisitorDetails(conversation.Id, conversation.VisitorName, conversation.Language, conversation.CreatedAt, online,
            pages.ConvertAll(p => p.ToContract()), rating?.ToContract(), email);
    }
}
