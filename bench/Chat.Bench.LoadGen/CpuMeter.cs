using System.Diagnostics;
using System.Globalization;

namespace Chat.Bench.LoadGen;

/// <summary>
/// CPU time of named processes (and, with a trailing <c>+</c>, their direct children — PostgreSQL's
/// backends —, those alive and those that ended, which the parent's <c>cutime</c> holds) and of the whole
/// machine, read from /proc at the start and the end of the window.
/// Spec: <c>server=123,postgres=456+,redis=789</c>.
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux.
    private readonly List<(string Name, int Pid, bool Children)> watched = [];
    private Dictionary<string, double> startSeconds = [];
    private (long Busy, long Total, long Steal) startMachine;
    private TimeSpan startSelf;
    private long startTimestamp;

    public CpuMeter(string? spec)
    {
        foreach (var part in (spec ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, pid) = (part[..part.IndexOf('=', StringComparison.Ordinal)], part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var children = pid.EndsWith('+');
            watched.Add((name, int.Parse(pid.TrimEnd('+'), CultureInfo.InvariantCulture), children));
        }
    }

    public void Start()
    {
        startSeconds = Sample();
        startMachine = Machine();
        startSelf = Process.GetCurrentProcess().TotalProcessorTime;
        startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Microseconds of CPU per delivered message (or per <paramref name="unit"/>: <c>{name}UsPer{unit}</c>) and cores used
    /// for each watched process and this load generator, and the machine's busy share.
    /// </summary>
    public Dictionary<string, double> Stop(long delivered, string unit = "Msg")
    {
        var end = Sample();
        var machine = Machine();
        var self = Process.GetCurrentProcess().TotalProcessorTime - startSelf;
        var wall = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        var perMessage = Math.Max(1, delivered);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, seconds) in end)
        {
            var used = seconds - startSeconds.GetValueOrDefault(name);
            result[$"{name}UsPer{unit}"] = Math.Round(used * 1e6 / perMessage, 1);
            result[$"{name}Cores"] = Math.Round(used / wall, 2);
        }

        result[$"loadgenUsPer{unit}"] = Math.Round(self.TotalSeconds * 1e6 / perMessage, 1);
        result["loadgenCores"] = Math.Round(self.TotalSeconds / wall, 2);
        var total = machine.Total - startMachine.Total;
        result["machineBusy"] = total == 0 ? 0 : Math.Round((machine.Busy - startMachine.Busy) / (double)total, 3);
        result["machineSteal"] = total == 0 ? 0 : Math.Round((machine.Steal - startMachine.Steal) / (double)total, 3);
        return result;
    }

    private Dictionary<string, double> Sample()
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, pid, children) in watched)
        {
            var ticks = Ticks(pid, children);
            if (children)
            {
                foreach (var child in ChildrenOf(pid))
                {
                    ticks += Ticks(child, false);
                }
            }

            result[name] = ticks / TicksPerSecond;
        }

        return result;
    }

    /// <summary>utime + stime of a process (with <paramref name="ended"/>, + cutime + cstime: its children that ended), in clock ticks; 0 when it is gone.</summary>
    private static long Ticks(int pid, bool ended)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Skip(11).Take(ended ? 4 : 2).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue;
            }

            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return pid;
            }
        }
    }

    /// <summary>The machine's CPU ticks: busy (steal included), all, and steal (what the host gave other guests).</summary>
    private static (long Busy, long Total, long Steal) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total, fields[7]);
    }
}
