using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Chat.Tests.Infrastructure;

/// <summary>Fixed moments for tests whose outcome depends on the regulation's hours, and the server override that sets them.</summary>
public static class DemoClock
{
    /// <summary>Wednesday 25 November 2026, 12:00 Moscow time: office hours, the demo managers on shift.</summary>
    public static readonly DateTimeOffset Weekday = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Sunday 29 November 2026, 12:00 Moscow time: a day off.</summary>
    public static readonly DateTimeOffset Sunday = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A service override for <see cref="ChatServer.StartAsync"/> that stops the server's clock at <paramref name="now"/>.</summary>
    public static Action<IServiceCollection> At(DateTimeOffset now) =>
        services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(now)));
}
