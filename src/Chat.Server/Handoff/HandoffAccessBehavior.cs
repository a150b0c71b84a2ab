using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Handoff;

/// <summary>A request about one handoff; <see cref="HandoffAccessBehavior{TMessage, TResponse}"/> checks the caller may see it.</summary>
public interface IHandoffRequest
{
    Caller Caller { get; }
    Guid HandoffId { get; }
}

/// <summary>
/// The pipeline step after authorisation, for handoff requests only: a handoff is seen only by its addressee (the
/// manager, or the members of the pool) and by supervisors and administrators. Only these requests read the database
/// here, so only they take a context.
/// </summary>
public sealed class HandoffAccessBehavior<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IHandoffRequest request)
        {
            await AuthorizeAsync(request, cancellationToken);
        }

        return await next(message, cancellationToken);
    }

    private async Task AuthorizeAsync(IHandoffRequest request, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ChatDbContext>();
        var handoff = await db.Set<HandoffRecord>().AsNoTracking().SingleOrDefaultAsync(h => h.Id == request.HandoffId, cancellationToken)
            ?? throw new ChatException(ErrorCodes.HandoffNotFound, "No such handoff.");
        var staff = request.Caller.IsVisitor ? null
            : await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Login == request.Caller.Id && s.IsActive, cancellationToken);
        if (staff is null || !HandoffDesk.MaySee(handoff, staff))
        {
            throw new ChatException(ErrorCodes.Forbidden, "This handoff is addressed to someone else.");
        }
    }
}
