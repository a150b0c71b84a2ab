using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Chat.Server.Hosting;

/// <summary>
/// Keeps secrets and personal data out of the log whatever levels an operator turns on: the visitor token that
/// browsers send in the <c>access_token</c> query parameter (WebSockets cannot carry headers) is masked wherever a
/// URL is logged, and SignalR's own debug events, which print every hub call's arguments (message texts, phones,
/// e-mail addresses), are dropped.
/// </summary>
public sealed partial class LogRedaction : ILogEventEnricher, ILogEventFilter
{
    private const string HubDispatcher = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && text.Contains("access_token=", StringComparison.OrdinalIgnoreCase))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(AccessToken().Replace(text, "access_token=***"))));
            }
        }
    }

    public bool IsEnabled(LogEvent logEvent) =>
        logEvent.Level >= LogEventLevel.Information
        || !logEvent.Properties.TryGetValue("SourceContext", out var source)
        || source is not ScalarValue { Value: HubDispatcher };

    [GeneratedRegex("access_token=[^&#\\s\"]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccessToken();
}
