using System.Text.Json.Serialization;
using Chat.Server.Agents;
using Chat.Server.Pipeline;
using Chat.Server.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Chat.Server.Hosting;

public static class InfrastructureExtensions
{
    /// <summary>
    /// A filter of every hub, in the order they are added, as one instance made once: a filter added by type is looked up
    /// in the call's scope (and made, when not registered) and wrapped in a state machine of its own on every hub call.
    /// </summary>
    public static IServiceCollection AddHubFilter<TFilter>(this IServiceCollection services)
        where TFilter : class, IHubFilter
    {
        services.TryAddSingleton<TFilter>();
        services.AddOptions<HubOptions>().Configure<TFilter>((o, filter) => o.AddFilter(filter));
        return services;
    }

    /// <summary>
    /// SignalR with every push through the <see cref="LiveFeed"/> (each node's hubs hold only their own connections, and a
    /// console connection's calls run in their <see cref="CallOrder"/>);
    /// with <c>ConnectionStrings:Redis</c> set, one Redis connection shared by the feed's channel between the nodes,
    /// presence and the queues, and a readiness check on it.
    /// </summary>
    public static WebApplicationBuilder AddRealtime(this WebApplicationBuilder builder)
    {
        var realtime = builder.Configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new RealtimeOptions();
        builder.Services.AddOptions<RealtimeOptions>().Bind(builder.Configuration.GetSection(RealtimeOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.ClientTimeoutInterval >= 2 * o.KeepAliveInterval, "Chat:Realtime:ClientTimeoutInterval must be at least twice Chat:Realtime:KeepAliveInterval.")
            .ValidateOnStart();
        builder.Services.AddSignalR(o =>
        {
            o.KeepAliveInterval = realtime.KeepAliveInterval;
            o.ClientTimeoutInterval = realtime.ClientTimeoutInterval;
            // Detailed errors let CodedHubProtocol tell why a connection closed; it codes every error text, so none leaks.
            o.EnableDetailedErrors = true;
            o.MaximumReceiveMessageSize = realtime.MaxFrameBytes;
        }).AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
        .AddHubOptions<AgentHub>(o =>
        {
            // A console connection carries many conversations: its sends overlap, its other calls keep their order.
            o.MaximumParallelInvocationsPerClient = realtime.AgentParallelCalls;
            o.AddFilter(new CallOrderFilter());
        });
        builder.Services.AddHubFilter<ConnectionGuardFilter>().AddHubFilter<HubErrorFilter>();
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(sp =>
            new CodedHubProtocol(new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>()), realtime.MaxFrameBytes));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOptions<RedisOptions>().Bind(builder.Configuration.GetSection(RedisOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());

        if (builder.Configuration.UsesRedis())
        {
            var redis = builder.Configuration.GetConnectionString("Redis")!;
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            options.ClientName ??= $"chat-{Environment.MachineName}";
            var prefix = (builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions()).KeyPrefix;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddSingleton(sp => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase().WithKeyPrefix($"{prefix}:"));
            builder.Services.AddSingleton<IAttemptWindows, RedisAttemptWindows>();
            builder.Services.AddSingleton<RedisConnectivity>();
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }

        else
        {
            builder.Services.AddSingleton<IAttemptWindows, InProcessAttemptWindows>();
        }

        return builder;
    }

    /// <summary>True when <c>ConnectionStrings:Redis</c> is set: presence and the queues then live in Redis.</summary>
    public static bool UsesRedis(this IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));
}

/// <summary>Ready only while Redis answers a PING.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
