using Chat.Server.Presence;
using Chat.Server.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Chat.Tests.Infrastructure;

/// <summary>A calendar in which the office is open and everyone on shift, so presence tests do not depend on when they run.</summary>
public sealed class AlwaysOpenCalendar : IShiftCalendar
{
    public bool IsOfficeOpen(DateTimeOffset at) => true;

    public bool IsOnShift(StaffMember staff, DateTimeOffset at) => true;

    /// <summary>Replaces the policy's calendar of presence with this one.</summary>
    public static void Use(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<IShiftCalendar, AlwaysOpenCalendar>());
}

/// <summary>Short presence and queue timings, so tests wait for seconds, not minutes.</summary>
public static class FastTimings
{
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Chat:Presence:EntryLifetime"] = "00:00:02",
            ["Chat:Presence:RenewInterval"] = "00:00:00.5",
            ["Chat:Presence:CheckInterval"] = "00:00:00.2",
            ["Chat:OfflineQueue:RedeliverAfter"] = "00:00:01.5",
            ["Chat:OfflineQueue:DeliveryInterval"] = "00:00:00.2",
            ["Chat:OfflineQueue:RebuildInterval"] = "00:00:01",
            ["Chat:OfflineQueue:EscalationInterval"] = "00:00:01",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
