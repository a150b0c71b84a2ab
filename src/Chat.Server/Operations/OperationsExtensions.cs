using Chat.Server.Accounts;
using Chat.Server.Hosting;
using Chat.Server.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Chat.Server.Operations;

public static class OperationsExtensions
{
    /// <summary>
    /// Metrics (the server's own, ASP.NET Core's, SignalR's and the runtime's) for the Prometheus endpoint, and, with
    /// <see cref="TelemetryOptions.OtlpEndpoint"/>, traces (requests, PostgreSQL commands, write batches) and metrics over OTLP.
    /// </summary>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ChatMetrics>();
        builder.Services.AddHostedService<OperationsSampler>();
        builder.Services.AddHubFilter<ConnectionMetricsFilter>();

        var otlp = builder.Configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.OtlpEndpoint)}"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("chat-server"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ChatMetrics.MeterName, "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.SignalR")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (!string.IsNullOrEmpty(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        if (!string.IsNullOrEmpty(otlp))
        {
            telemetry.WithTracing(traces => traces
                .AddSource(ChatMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }

        return builder;
    }

    /// <summary>The Prometheus scrape endpoint at <see cref="TelemetryOptions.MetricsPath"/>, for the admin key or an Admin or Supervisor session.</summary>
    public static WebApplication MapOperations(this WebApplication app)
    {
        var path = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.MetricsPath;
        app.UseWhen(http => http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase), branch => branch.Use((http, next) =>
        {
            AdminAccess.Demand(http, StaffRole.Admin, StaffRole.Supervisor);
            return next(http);
        }));
        app.MapPrometheusScrapingEndpoint(path);
        return app;
    }
}
