using Chat.Server.Hosting;

namespace Chat.Server.Presence;

public static class PresenceExtensions
{
    /// <summary>Presence in Redis when <c>ConnectionStrings:Redis</c> is set, in process otherwise; the watcher loop on every node.</summary>
    public static WebApplicationBuilder AddPresence(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PresenceOptions>()
            .Bind(builder.Configuration.GetSection(PresenceOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.RenewInterval < o.EntryLifetime, "Chat:Presence:RenewInterval must be shorter than Chat:Presence:EntryLifetime.")
            .ValidateOnStart();
        if (builder.Configuration.UsesRedis())
        {
            builder.Services.AddSingleton<IPresence, RedisPresence>();
        }
        else
        {
            builder.Services.AddSingleton<IPresence, InProcessPresence>();
        }

        builder.Services.AddSingleton<IShiftCalendar, PolicyCalendar>();
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddSingleton<PresenceBoard>();
        builder.Services.AddSingleton<PresenceWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PresenceWatcher>());
        return builder;
    }
}
