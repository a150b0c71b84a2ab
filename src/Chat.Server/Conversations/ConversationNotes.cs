using Chat.Contracts;
using Chat.Server.Agents;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Chat.Server.Conversations;

/// <summary>A staff-only note in a conversation. It is not a message: it has no sequence number and never reaches the visitor hub.</summary>
public sealed class NoteRecord
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid ClientNoteId { get; set; }
    public required string AuthorLogin { get; set; }
    public required string AuthorName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public ConversationNote ToContract() => new(Id, ConversationId, AuthorLogin, AuthorName, Text, CreatedAt);
}

internal sealed class NoteRecordConfiguration : IEntityTypeConfiguration<NoteRecord>
{
    public void Configure(EntityTypeBuilder<NoteRecord> e)
    {
        e.ToTable("Notes");
        e.HasIndex(n => new { n.ConversationId, n.ClientNoteId }).IsUnique();
        e.Property(n => n.AuthorLogin).HasMaxLength(64);
        e.Property(n => n.AuthorName).HasMaxLength(100);
        e.HasOne<Conversation>().WithMany().HasForeignKey(n => n.ConversationId);
    }
}

/// <summary>An agent adds a private note; a retry with the same client id returns the first.</summary>
public sealed record AddNote(Caller Caller, Guid ConversationId, Guid ClientNoteId, string? Text) : ICommand<ConversationNote>, IConversationRequest;

public sealed class AddNoteValidator : AbstractValidator<AddNote>
{
    public AddNoteValidator(IOptions<ConversationOptions> options)
    {
        var max = options.Value.MaxMessageLength;
        RuleFor(n => n.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Notes are for staff.");
        RuleFor(n => n.ClientNoteId).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("clientNoteId must be a non-empty id made by the client.");
        RuleFor(n => n.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithErrorCode(ErrorCodes.EmptyMessage).WithMessage("The note is empty.")
            .MaximumLength(max).WithErrorCode(ErrorCodes.MessageTooLong).WithMessage($"The note is longer than {max} characters.")
            .PlainText();
    }
}

public sealed partial class AddNoteHandler(ChatDbContext db, ConversationNotifier notifier, TimeProvider clock, ILogger<AddNoteHandler> logger)
    : ICommandHandler<AddNote, ConversationNote>
{
    public async ValueTask<ConversationNote> Handle(AddNote command, CancellationToken cancellationToken)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == command.ConversationId, cancellationToken))
        {
            throw new ChatException(ErrorCodes.ConversationNotFound, "No such conversation.");
        }

        var earlier = await db.Set<NoteRecord>().AsNoTracking()
            .SingleOrDefaultAsync(n => n.ConversationId == command.ConversationId && n.ClientNoteId == command.ClientNoteId, cancellationToken);
        if (earlier is not null)
        {
            return earlier.ToContract();
        }

        var note = new NoteRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ConversationId = command.ConversationId,
            ClientNoteId = command.ClientNoteId,
            AuthorLogin = command.Caller.Id,
            AuthorName = command.Caller.Name,
            Text = command.Text!.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        LogNoteAdded(logger, command.ConversationId, command.Caller.Id);

        await notifier.NoteAddedAsync(note.ToContract());
        return note.ToContract();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Private note added to conversation {ConversationId} by {Login}")]
    private static partial void LogNoteAdded(ILogger logger, Guid conversationId, string login);
}

/// <summary>The private notes of a conversation, oldest first.</summary>
public sealed record GetNotes(Caller Caller, Guid ConversationId) : IQuery<IReadOnlyList<ConversationNote>>, IConversationRequest;

public sealed class GetNotesValidator : AbstractValidator<GetNotes>
{
    public GetNotesValidator() =>
        RuleFor(n => n.Caller.IsVisitor).Equal(false).WithErrorCode(ErrorCodes.Forbidden).WithMessage("Notes are for staff.");
}

public sealed class GetNotesHandler(ChatDbContext db) : IQueryHandler<GetNotes, IReadOnlyList<ConversationNote>>
{
    public async ValueTask<IReadOnlyList<ConversationNote>> Handle(GetNotes query, CancellationToken cancellationToken)
    {
        var notes = await db.Set<NoteRecord>().AsNoTracking().Where(n => n.ConversationId == query.ConversationId)
            .OrderBy(n => n.Id).ToListAsync(cancellationToken);
        return notes.ConvertAll(n => n.ToContract());
    }
}
