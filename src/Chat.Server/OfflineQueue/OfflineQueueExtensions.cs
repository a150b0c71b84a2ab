using Chat.Server.Hosting;
using Chat.Server.Policy;
using Chat.Server.Presence;

namespace Chat.Server.OfflineQueue;

public static class OfflineQueueExtensions
{
    /// <summary>The offline queue over the database: Redis Streams when <c>ConnectionStrings:Redis</c> is set, in process otherwise.</summary>
    public static WebApplicationBuilder AddOfflineQueue(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OfflineQueueOptions>()
            .Bind(builder.Configuration.GetSection(OfflineQueueOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.AnswerByNotice.Values.All(t => PolicyTemplate.Placeholders(t).Contains("due")), "Every Chat:OfflineQueue:AnswerByNotice text must contain {due} (or {due:genitive}, …).")
            .Validate<IConsultantRouting>((o, routing) => routing.FindDepartment(o.DutyPool) is not null, "Chat:OfflineQueue:DutyPool must be a department of the policy.")
            .ValidateOnStart();
        if (builder.Configuration.UsesRedis())
        {
            builder.Services.AddSingleton<IOfflineQueue, RedisOfflineQueue>();
        }
        else
        {
            builder.Services.AddSingleton<IOfflineQueue, InProcessOfflineQueue>();
        }

        builder.Services.AddSingleton<IDuePolicy, PolicyCalendar>();
        builder.Services.AddSingleton<OfflineDeliverySignal>();
        builder.Services.AddScoped<OfflineItems>();
        builder.Services.AddHostedService<OfflineDispatcher>();
        return builder;
    }
}
