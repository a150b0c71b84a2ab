using Chat.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Demo;

/// <summary>Settings of <c>Chat:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Chat:Demo";

    /// <summary>Seed the demo staff (and, later, demo client accounts) on start-up when they are missing.</summary>
    public bool Seed { get; set; }

    /// <summary>The password of every demo staff account.</summary>
    public string Password { get; set; } = "demo";
}

/// <summary>The demo staff of the embedded run: a call-centre specialist, two managers on different shifts, a supervisor.</summary>
public static partial class DemoData
{
    public static readonly IReadOnlyList<StaffMember> Staff =
    [
        NewStaff("cc.ivanova", "Анна Иванова", StaffRole.CallCentre, "call-centre", new(9, 0), new(18, 0)),
        NewStaff("m.petrov", "Пётр Петров", StaffRole.Manager, "sales", new(9, 0), new(18, 0)),
        NewStaff("m.smirnova", "Мария Смирнова", StaffRole.Manager, "current-clients", new(10, 0), new(19, 0)),
        NewStaff("s.orlov", "Олег Орлов", StaffRole.Supervisor, "current-clients", new(9, 0), new(18, 0)),
    ];

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        if (!options.Seed)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffMember>>();
        var existing = await db.Staff.Select(s => s.Login).ToListAsync();
        foreach (var staff in Staff.Where(s => !existing.Contains(s.Login)))
        {
            db.Staff.Add(new StaffMember
            {
                Id = Guid.NewGuid(),
                Login = staff.Login,
                DisplayName = staff.DisplayName,
                PasswordHash = hasher.HashPassword(staff, options.Password),
                Role = staff.Role,
                Department = staff.Department,
                ShiftStart = staff.ShiftStart,
                ShiftEnd = staff.ShiftEnd,
            });
        }

        await db.SaveChangesAsync();
        LogDemoStaff(app.Logger, string.Join(", ", Staff.Select(s => s.Login)));
    }

    private static StaffMember NewStaff(string login, string name, StaffRole role, string department, TimeOnly start, TimeOnly end) =>
        new() { Login = login, DisplayName = name, PasswordHash = string.Empty, Role = role, Department = department, ShiftStart = start, ShiftEnd = end };

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo staff ready: {Logins} (the password is the Chat:Demo:Password setting, \"demo\" unless changed)")]
    private static partial void LogDemoStaff(ILogger logger, string logins);
}
