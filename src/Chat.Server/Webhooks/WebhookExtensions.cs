using Chat.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Chat.Server.Webhooks;

public static class WebhookExtensions
{
    /// <summary>The outbox, the one deliverer per cluster and its HTTP client, which dials only what the SSRF guard allows.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookOutbox>();
        services.AddKeyedSingleton(WebhookDispatcher.LeaseName, (sp, name) => new ClusterLease(sp.GetRequiredService<IConfiguration>(), (string)name!));
        services.AddHttpClient<WebhookSender>(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var allowPrivate = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateAddresses;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, cancellationToken) => WebhookUrls.ConnectAsync(context, allowPrivate, cancellationToken),
                };
            });
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
