using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Policy;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Visitors;

/// <summary>
/// A widget asks for a session. With a valid token it gets a fresh token for the same
/// conversation; without one, a new conversation. With a valid identity token from the host site the
/// session carries the verified account (a renewal keeps the one it had when none is given).
/// </summary>
public sealed record StartVisitorSession(string? Name, string? Language, string? Token, string? IdentityToken = null) : ICommand<VisitorSession>;

public sealed class StartVisitorSessionValidator : AbstractValidator<StartVisitorSession>
{
    public StartVisitorSessionValidator()
    {
        RuleFor(r => r.Name).MaximumLength(100).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The name is longer than 100 characters.");
        RuleFor(r => r.Language).MaximumLength(8).WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("The language is a code such as \"ru\" or \"en\".");
    }
}

public sealed class StartVisitorSessionHandler(
    ChatDbContext db, VisitorTokens tokens, HostIdentityTokens hostIdentity, IOptions<VisitorOptions> options, IVisitorTexts texts, TimeProvider clock)
    : ICommandHandler<StartVisitorSession, VisitorSession>
{
    public async ValueTask<VisitorSession> Handle(StartVisitorSession command, CancellationToken cancellationToken)
    {
        var verifiedAccount = command.IdentityToken is null ? null : await hostIdentity.VerifyAsync(command.IdentityToken);
        if (command.Token is not null)
        {
            var ticket = tokens.Read(command.Token) ?? throw new ChatException(ErrorCodes.InvalidToken, "The session token is malformed or expired; start a new session without it.");
            var stored = await db.Conversations.Where(c => c.Id == ticket.ConversationId).Select(c => c.Language).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ChatException(ErrorCodes.ConversationNotFound, "The conversation of this session no longer exists.");
            return ToSession(ticket with { AccountId = verifiedAccount ?? ticket.AccountId, Language = stored });
        }

        var now = clock.GetUtcNow();
        var language = texts.ResolveLanguage(Clean(command.Language));
        var name = Clean(command.Name) ?? options.Value.DefaultNames.GetValueOrDefault(language) ?? options.Value.DefaultNames.Values.First();
        var conversation = new Conversation
        {
            Id = Guid.CreateVersion7(now),
            VisitorId = Guid.NewGuid(),
            VisitorName = name,
            Language = language,
            Status = ConversationStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await db.InsertConversationAsync(conversation, cancellationToken);
        return ToSession(new VisitorTicket(conversation.VisitorId, conversation.Id, name, verifiedAccount, language));
    }

    private VisitorSession ToSession(VisitorTicket ticket)
    {
        var (token, expiresAt) = tokens.Issue(ticket);
        return new VisitorSession(token, ticket.ConversationId, expiresAt, (int)options.Value.SessionLifetime.TotalSeconds);
    }

    /// <summary>One line without control characters and bidirectional overrides (<see cref="TextRules.Clean"/>); null when nothing is left.</summary>
    private static string? Clean(string? text) => text is null || TextRules.Clean(text, multiLine: false) is not { Length: > 0 } cleaned ? null : cleaned;
}
