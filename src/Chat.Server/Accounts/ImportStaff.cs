using System.Globalization;
using Chat.Contracts;
using Chat.Server.Policy;
using Chat.Server.Storage;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Accounts;

/// <summary>
/// Creates or updates staff members by login. A row with a password sets it (hashed; a new one also lifts a lock-out);
/// without one a new member cannot sign in yet and an update keeps the password. Without a role, members of a
/// department that answers a tariff as a pool are call-centre specialists, the others managers.
/// </summary>
public sealed record ImportStaff(IReadOnlyList<NumberedRow<StaffRow>> Rows) : ICommand<ImportResult>;

public sealed partial class ImportStaffHandler(
    ChatDbContext db, IConsultantRouting routing, IPasswordHasher<StaffMember> hasher, ILogger<ImportStaffHandler> logger)
    : ICommandHandler<ImportStaff, ImportResult>
{
    private const int MinPasswordLength = 8;

    public async ValueTask<ImportResult> Handle(ImportStaff command, CancellationToken cancellationToken)
    {
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<(StaffMember Member, string? Password)>();
        foreach (var (line, row) in command.Rows)
        {
            var member = Check(line, row, errors);
            if (member is null)
            {
                continue;
            }

            if (seen.TryGetValue(member.Login, out var first))
            {
                errors.Add(new ImportRowError(line, "login", $"The login already appears on line {first}."));
                continue;
            }

            seen[member.Login] = line;
            candidates.Add((member, string.IsNullOrEmpty(row?.Password) ? null : row.Password));
        }

        var existing = await db.Staff.ToDictionaryAsync(s => s.Login, StringComparer.Ordinal, cancellationToken);
        var (inserted, updated, unchanged) = (0, 0, 0);
        foreach (var (member, password) in candidates)
        {
            if (!existing.TryGetValue(member.Login, out var stored))
            {
                member.Id = Guid.NewGuid();
                if (password is not null)
                {
                    member.PasswordHash = hasher.HashPassword(member, password);
                }

                db.Staff.Add(member);
                inserted++;
            }
            else if (stored.DisplayName == member.DisplayName && stored.Department == member.Department && stored.Role == member.Role
                && stored.ShiftStart == member.ShiftStart && stored.ShiftEnd == member.ShiftEnd && stored.IsActive == member.IsActive
                && (password is null || SamePassword(stored, password)))
            {
                unchanged++;
            }
            else
            {
                (stored.DisplayName, stored.Department, stored.Role) = (member.DisplayName, member.Department, member.Role);
                (stored.ShiftStart, stored.ShiftEnd, stored.IsActive) = (member.ShiftStart, member.ShiftEnd, member.IsActive);
                if (password is not null && !SamePassword(stored, password))
                {
                    (stored.PasswordHash, stored.FailedSignIns, stored.LockedUntil) = (hasher.HashPassword(stored, password), 0, null);
                }

                updated++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        LogImported(logger, command.Rows.Count, inserted, updated, unchanged, errors.Count);
        return new ImportResult(command.Rows.Count, inserted, updated, unchanged, errors);
    }

    private StaffMember? Check(int line, StaffRow? row, List<ImportRowError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new ImportRowError(line, field, message));
        if (row is null)
        {
            Fail("row", "The row is empty.");
            return null;
        }

        var login = row.Login?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(login) || login.Length > 64 || ImportRows.HasControlOrMarkup(login) || login.Any(char.IsWhiteSpace))
        {
            Fail("login", "The login is required: up to 64 characters, no spaces, control characters or markup.");
        }

        var name = row.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100 || ImportRows.HasControlOrMarkup(name))
        {
            Fail("name", "The name is required: up to 100 characters, no control characters or markup.");
        }

        var department = string.IsNullOrWhiteSpace(row.Department) ? null : routing.FindDepartment(row.Department.Trim());
        if (department is null)
        {
            Fail("department", $"The department must be one of: {string.Join(", ", routing.Departments.Select(d => d.Key))}.");
        }

        StaffRole role = default;
        if (!string.IsNullOrWhiteSpace(row.Role) && !Enum.TryParse(row.Role.Trim(), ignoreCase: true, out role))
        {
            Fail("role", $"The role must be one of: {string.Join(", ", Enum.GetNames<StaffRole>())}.");
        }

        if (row.Password is { Length: > 0 } password && (password.Length < MinPasswordLength || password.Length > 128))
        {
            Fail("password", $"A password must be {MinPasswordLength} to 128 characters.");
        }

        var start = Time(row.ShiftStart);
        var end = Time(row.ShiftEnd);
        if (start is null || end is null || start >= end)
        {
            Fail("shift", "The shift needs a start and an end as HH:mm, the start before the end.");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new StaffMember
        {
            Login = login!,
            DisplayName = name!,
            PasswordHash = string.Empty,
            Department = department!.Key,
            Role = string.IsNullOrWhiteSpace(row.Role) ? DefaultRole(department) : role,
            ShiftStart = start!.Value,
            ShiftEnd = end!.Value,
            IsActive = row.Active ?? true,
        };
    }

    private bool SamePassword(StaffMember member, string password) =>
        member.PasswordHash.Length > 0 && hasher.VerifyHashedPassword(member, member.PasswordHash, password) != PasswordVerificationResult.Failed;

    private StaffRole DefaultRole(Department department) =>
        routing.Tariffs.Any(t => t.Consultant == ConsultantKind.Pool && t.Pool.Key == department.Key) ? StaffRole.CallCentre : StaffRole.Manager;

    private static TimeOnly? Time(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff import: {Rows} rows, {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Errors} refused")]
    private static partial void LogImported(ILogger logger, int rows, int inserted, int updated, int unchanged, int errors);
}
