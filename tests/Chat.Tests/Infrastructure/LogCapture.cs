using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Every event the server logs, rendered as text with all its properties and its exception. The server's Serilog
/// reads sinks from its services, so <see cref="Register"/> in a test server's service overrides is enough.
/// </summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public void Register(IServiceCollection services) => services.AddSingleton<ILogEventSink>(this);

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        text.Write($"[{logEvent.Level}] ");
        logEvent.RenderMessage(text, CultureInfo.InvariantCulture);
        foreach (var (name, value) in logEvent.Properties)
        {
            text.Write($" | {name}=");
            value.Render(text, formatProvider: CultureInfo.InvariantCulture);
        }

        if (logEvent.Exception is not null)
        {
            text.Write($" | exception={logEvent.Exception}");
        }

        lines.Enqueue(text.ToString());
    }

    /// <summary>The lines that contain <paramref name="secret"/>, ignoring case.</summary>
    public IReadOnlyList<string> Containing(string secret) =>
        [.. lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase))];
}
