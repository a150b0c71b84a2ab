using System.Globalization;

namespace Chat.Bench.LoadGen;

/// <summary>The command line: a verb followed by <c>--name value</c> pairs.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    private Options(string verb) => Verb = verb;

    public string Verb { get; }

    public static Options Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("Usage: loadgen relay|idle|connect|storm|import|handoff|summarize --name value …");
        }

        var options = new Options(args[0]);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value at '{args[i]}'.");
            }

            options.values[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    public string Text(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        values.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
