using System.Globalization;
using Chat.Contracts;
using Chat.Server.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Api;

/// <summary>Every staff member, active or not, by login.</summary>
public sealed record ListStaff : IQuery<IReadOnlyList<StaffDetails>>;

public sealed class ListStaffHandler(ChatDbContext db) : IQueryHandler<ListStaff, IReadOnlyList<StaffDetails>>
{
    public async ValueTask<IReadOnlyList<StaffDetails>> Handle(ListStaff query, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.Login).ToListAsync(cancellationToken);
        return staff.ConvertAll(s => new StaffDetails(s.Login, s.DisplayName, s.Department, s.Role.ToString(),
            s.ShiftStart.ToString("HH:mm", CultureInfo.InvariantCulture), s.ShiftEnd.ToString("HH:mm", CultureInfo.InvariantCulture), s.IsActive));
    }
}
