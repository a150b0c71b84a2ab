using Chat.Contracts;
using Chat.Server.Accounts;
using Chat.Server.Storage;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Demo;

/// <summary>The demo staff of the embedded run: a call-centre specialist, two managers on different shifts, a supervisor.</summary>
public static partial class DemoData
{
    public static readonly IReadOnlyList<StaffMember> Staff =
    [
        NewStaff("cc.ivanova", "Анна Иванова", StaffRole.CallCentre, "call-centre", new(9, 0), new(18, 0)),
        NewStaff("m.petrov", "Пётр Петров", StaffRole.Manager, "sales", new(9, 0), new(18, 0)),
        NewStaff("m.smirnova", "Мария Смирнова", StaffRole.Manager, "current-clients", new(10, 0), new(19, 0)),
        NewStaff("s.orlov", "Олег Орлов", StaffRole.Supervisor, "current-clients", new(9, 0), new(18, 0)),
        NewStaff("m.kozlov", "Игорь Козлов", StaffRole.Manager, "sales", new(9, 0), new(18, 0), active: false),
    ];

    /// <summary>
    /// Demo client accounts: paid tariffs with personal managers (one whose manager has left), a Start client
    /// consulted by the call centre and a Start client with a dedicated manager.
    /// </summary>
    public static readonly IReadOnlyList<AccountRow> Accounts =
    [
        new("10001", "Ромашка", "ООО «Ромашка»", "business", "m.petrov", null, ["+7 916 123-45-67"], ["info@romashka.example"]),
        new("10002", "Vector Labs", "Vector Labs LLC", "standard", "m.smirnova", null, ["+7 495 765-43-21"], ["it@vector.example"]),
        new("10003", "ИП Сидоров", null, "start", null, null, [], ["sidorov@mail.example"]),
        new("10004", "Старт Плюс", "ООО «Старт Плюс»", "start", null, "m.smirnova", ["+7 921 555-12-34"], ["office@startplus.example"]),
        new("10005", "Орбита", "АО «Орбита»", "enterprise", "m.kozlov", null, ["+7 903 111-22-33"], ["orbita@orbita.example"]),
    ];

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
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
                IsActive = staff.IsActive,
            });
        }

        await db.SaveChangesAsync();
        LogDemoStaff(app.Logger, string.Join(", ", Staff.Select(s => s.Login)));

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var imported = await mediator.Send(new ImportAccounts([.. Accounts.Select((row, i) => new NumberedRow<AccountRow>(i + 1, row))]));
        LogDemoAccounts(app.Logger, imported.Inserted, imported.Errors.Count);
    }

    private static StaffMember NewStaff(string login, string name, StaffRole role, string department, TimeOnly start, TimeOnly end, bool active = true) =>
        new() { Login = login, DisplayName = name, PasswordHash = string.Empty, Role = role, Department = department, ShiftStart = start, ShiftEnd = end, IsActive = active };

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo staff ready: {Logins} (the password is the Chat:Demo:Password setting, \"demo\" unless changed)")]
    private static partial void LogDemoStaff(ILogger logger, string logins);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo accounts ready: {Inserted} new, {Errors} refused")]
    private static partial void LogDemoAccounts(ILogger logger, int inserted, int errors);
}
