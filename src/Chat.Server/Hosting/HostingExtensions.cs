using Chat.Server.Conversations;
using Chat.Server.Handoff;
using Chat.Server.Pipeline;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace Chat.Server.Hosting;

public static partial class HostingExtensions
{
    /// <summary>
    /// Serilog, configured once: readable console in Development, compact JSON elsewhere; tokens in URLs masked and
    /// hub call arguments never logged (<see cref="LogRedaction"/>).
    /// </summary>
    public static WebApplicationBuilder AddChatLogging(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddSerilog((services, logger) =>
        {
            // SignalR's dispatcher logs every hub error at Error with its stack trace, refusals included; HubErrorFilter
            // logs what is unexpected and each refusal once per connection, so the dispatcher's copy is left out.
            logger.MinimumLevel.Override("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogEventLevel.Fatal)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<LogRedaction>()
                .Filter.With<LogRedaction>();
            if (development)
            {
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        },
        // Each host keeps its own logger instead of the static Log.Logger, so that two servers in one process
        // (the tests) do not write through each other's sinks.
        preserveStaticLogger: true);

        // Serilog's own logger factory makes a new logger for every CreateLogger, and the framework asks for several per
        // connection (its connection, hub connection and transport objects): 3.2 KB held by every idle widget. The
        // framework's factory keeps one logger per category, writing through Serilog as the only provider.
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory, LoggerFactory>());
        builder.Services.AddSingleton<ILoggerProvider>(services => new SerilogLoggerProvider(services.GetRequiredService<Serilog.ILogger>(), dispose: true));
        return builder;
    }

    /// <summary>
    /// The mediator pipeline (logging → validation → authorisation → handoff access → handler), validators, options and
    /// error mapping.
    /// </summary>
    public static IServiceCollection AddChatPipeline(this IServiceCollection services)
    {
        // The steps run in the order they are registered. The handlers are scoped (they take the request's
        // ChatDbContext), and so is the handoff step (it reads handoffs); the first three hold nothing of a request and
        // are made once, so a hub call's scope does not make and keep them for every message.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(HandoffAccessBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<ConversationOptions>(ServiceLifetime.Singleton);
        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<ChatExceptionHandler>();
        return services;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the database (and Redis, when configured) answer.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return endpoints;
    }

    /// <summary>Says where to open the demo page and the console once Kestrel listens.</summary>
    public static void AnnounceAddresses(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogOpen(app.Logger, address.TrimEnd('/'));
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat is up. Demo site with the widget: {Address}/  Agent console: {Address}/console/")]
    private static partial void LogOpen(Microsoft.Extensions.Logging.ILogger logger, string address);
}
