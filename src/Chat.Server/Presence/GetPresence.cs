using Chat.Contracts;
using Mediator;

namespace Chat.Server.Presence;

/// <summary>The console asks who is here now: connected agents and visitors on the site.</summary>
public sealed record GetPresence : IQuery<PresenceSnapshot>;

public sealed class GetPresenceHandler(PresenceBoard board) : IQueryHandler<GetPresence, PresenceSnapshot>
{
    public async ValueTask<PresenceSnapshot> Handle(GetPresence query, CancellationToken cancellationToken) =>
        (await board.ReadAsync(cancellationToken)).Snapshot;
}

/// <summary>The widget asks whether someone can answer live now (otherwise it shows the offline form).</summary>
public sealed record GetAvailability : IQuery<bool>;

public sealed class GetAvailabilityHandler(PresenceBoard board) : IQueryHandler<GetAvailability, bool>
{
    public async ValueTask<bool> Handle(GetAvailability query, CancellationToken cancellationToken) =>
        (await board.ReadAsync(cancellationToken)).ChatOnline;
}
