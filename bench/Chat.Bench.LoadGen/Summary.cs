using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chat.Bench.LoadGen;

/// <summary>
/// Turns the per-round files of one run (<c>--in</c>) into <c>latest.json</c> and the Markdown table:
/// medians over rounds per scenario and server, and the Chat ratios taken round by round, then their median.
/// </summary>
internal static class Summary
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] Servers = ["chat", "signalr", "socketio"];
    private static readonly string[] RelayScenarios = ["relay100", "relay1000", "sqlite100"];

    /// <summary>The processes whose CPU a message costs the server side (the load generator is the rest of the split).</summary>
    private static readonly string[] ServerSide = ["server", "postgres", "redis"];

    public static async Task RunAsync(Options options)
    {
        var input = options.Text("in");
        var rounds = Directory.EnumerateFiles(input, "*.json")
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Node: JsonNode.Parse(File.ReadAllText(f))!.AsObject()))
            .ToDictionary(f => f.Name, f => f.Node, StringComparer.Ordinal);

        var root = new JsonObject
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["mode"] = options.Text("mode", "full"),
            ["machine"] = new JsonObject
            {
                ["cores"] = Environment.ProcessorCount,
                ["memoryGb"] = MemoryGb(),
                ["loadAverageAtStart"] = options.Text("load", string.Empty),
                ["loadAverageAtEnd"] = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)),
            },
            ["postgres"] = options.Text("postgres-settings", "defaults (fsync=on, synchronous_commit=on)"),
        };
        root["machine"]!["stealMax"] = rounds.Values.Select(r => (double?)r["cpu"]?["machineSteal"] ?? 0).DefaultIfEmpty(0).Max();

        foreach (var scenario in RelayScenarios)
        {
            if (Compared(rounds, scenario, ["pairs", "agentConnections"], ["msgPerSec", "p50Ms", "p99Ms", "maxMs", "meanMs"], ["errors", "stalls"], "Msg") is { } relay)
            {
                root[scenario] = relay;
            }
        }

        root["idle"] = Idle(rounds);
        root["connect"] = Compared(rounds, "connect", ["connections", "parallel"], ["connPerSec", "p50Ms", "p99Ms", "maxMs"], ["failed"], "Conn")
            ?? new JsonObject { ["skipped"] = "not run" };
        root["storm"] = Storm(rounds);
        root["handoff"] = Rounds(rounds, "handoff", ["perSec", "p50Ms", "p99Ms", "maxMs"]);
        root["import"] = Rounds(rounds, "import", ["seconds"]);
        var sent = rounds.Where(r => r.Key.StartsWith("relay", StringComparison.Ordinal) && r.Key.Contains("-chat-", StringComparison.Ordinal))
            .Sum(r => (long)r.Value["acked"]!);
        root["persisted"] = rounds.TryGetValue("persisted", out var persisted)
            ? new JsonObject { ["sent"] = sent, ["stored"] = (long)persisted["stored"]!, ["match"] = sent == (long)persisted["stored"]! }
            : new JsonObject { ["skipped"] = "no relay scenario ran" };

        var json = root.ToJsonString(Indented);
        await File.WriteAllTextAsync(options.Text("json"), json + "\n");
        var table = Markdown(root);
        await File.WriteAllTextAsync(options.Text("md"), table);
        if (options.Optional("readme") is { } readme && File.Exists(readme))
        {
            await File.WriteAllTextAsync(readme, WithTable(await File.ReadAllTextAsync(readme), table));
        }

        Console.WriteLine(json);
    }

    /// <summary>Replaces what stands between the results markers of the README with the table.</summary>
    private static string WithTable(string readme, string table)
    {
        const string Begin = "<!-- results:begin -->";
        const string End = "<!-- results:end -->";
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        return start < 0 || end < start ? readme : string.Concat(readme.AsSpan(0, start + Begin.Length), "\n", table, readme.AsSpan(end));
    }

    /// <summary>
    /// A scenario run against several servers (<c>{scenario}-{server}-r{n}</c>): per server the <paramref name="info"/> of the first
    /// round, the medians of <paramref name="medians"/>, the sums of <paramref name="sums"/> and the CPU medians (per
    /// <paramref name="unit"/>); and the Chat ratios of the first median key and of the p99, taken round by round.
    /// </summary>
    private static JsonObject? Compared(Dictionary<string, JsonObject> rounds, string scenario, string[] info, string[] medians, string[] sums, string unit)
    {
        var files = rounds.Where(r => r.Key.StartsWith(scenario + "-", StringComparison.Ordinal)).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var result = new JsonObject();
        var byServer = Servers.ToDictionary(s => s, s => files.Where(f => f.Key.Split('-')[1] == s).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Value).ToList());
        foreach (var (server, list) in byServer)
        {
            if (list.Count == 0)
            {
                continue;
            }

            var entry = new JsonObject { ["rounds"] = list.Count };
            foreach (var key in info)
            {
                entry[key] = list[0][key]?.DeepClone();
            }

            foreach (var key in medians)
            {
                entry[key] = Median(list.Select(r => (double)r[key]!));
            }

            foreach (var key in sums)
            {
                entry[key] = list.Sum(r => (long)r[key]!);
            }

            if (list[0]["cpu"] is JsonObject)
            {
                entry["cpu"] = Cpu(list.Select(r => r["cpu"]!.AsObject()).ToList(), unit);
            }

            entry["perRound"] = new JsonArray([.. list.Select(r => (JsonNode)new JsonObject { [medians[0]] = (double)r[medians[0]]!, ["p99Ms"] = (double)r["p99Ms"]! })]);
            result[server] = entry;
        }

        var ratios = new JsonObject();
        var chat = byServer["chat"];
        void Ratio(string name, string other, string key)
        {
            var pairs = chat.Zip(byServer[other]).Where(p => (double)p.Second[key]! > 0).Select(p => (double)p.First[key]! / (double)p.Second[key]!).ToList();
            ratios[name] = pairs.Count == 0 ? null : Median(pairs, 3);
        }

        Ratio("throughputVsSignalr", "signalr", medians[0]);
        Ratio("throughputVsSocketio", "socketio", medians[0]);
        Ratio("p99VsSignalr", "signalr", "p99Ms");
        Ratio("p99VsSocketio", "socketio", "p99Ms");
        result["ratios"] = ratios;
        return result;
    }

    /// <summary>The medians over rounds of every CPU figure, and of the server side's sum (server + PostgreSQL + Redis) per <paramref name="unit"/>.</summary>
    private static JsonObject Cpu(List<JsonObject> rounds, string unit)
    {
        var medians = new JsonObject();
        foreach (var key in rounds[0].Select(p => p.Key))
        {
            medians[key] = Median(rounds.Select(r => (double)r[key]!));
        }

        medians[$"serverSideUsPer{unit}"] = Median(rounds.Select(r => ServerSide.Sum(name => (double?)r[$"{name}UsPer{unit}"] ?? 0)), 1);
        return medians;
    }

    /// <summary>The reconnect storm (chat only): the medians of its timings, the sums of its counts, and what PostgreSQL holds.</summary>
    private static JsonObject Storm(Dictionary<string, JsonObject> rounds)
    {
        var result = Rounds(rounds, "storm", ["lastResumeS", "p50Ms", "p99Ms", "maxMs", "lastSentS"]);
        if (result["skipped"] is not null)
        {
            return result;
        }

        var list = rounds.Where(r => r.Key.StartsWith("storm-r", StringComparison.Ordinal)).Select(r => r.Value).ToList();
        foreach (var key in new[] { "widgets", "ready", "resumed", "sentAfter", "acked", "lost", "duplicated", "outOfOrder", "unchecked", "stormFailures" })
        {
            result[key] = list.Sum(r => (long)r[key]!);
        }

        result["cpu"] = Cpu(list.Select(r => r["cpu"]!.AsObject()).ToList(), "Widget");
        var stored = rounds.Where(r => r.Key.StartsWith("storm-stored-r", StringComparison.Ordinal)).Sum(r => (long)r.Value["stored"]!);
        result["stored"] = stored;
        result["storedMatch"] = stored == (long)result["acked"]!;
        return result;
    }

    private static JsonObject Idle(Dictionary<string, JsonObject> rounds)
    {
        var result = new JsonObject();
        foreach (var server in Servers)
        {
            var list = rounds.Where(r => r.Key.StartsWith($"idle-{server}-", StringComparison.Ordinal)).Select(r => r.Value).ToList();
            if (list.Count == 0)
            {
                continue;
            }

            double Kb(JsonObject r) => ((double)r["rssAfterKb"]! - (double)r["rssBeforeKb"]!) / Math.Max(1, (double)r["measured"]!);
            result[server] = new JsonObject
            {
                ["rounds"] = list.Count,
                ["connections"] = (long)Median(list.Select(r => (double)r["connections"]!), 0),
                ["failed"] = list.Sum(r => (long)r["failed"]!),
                ["kbPerConnection"] = Median(list.Select(Kb)),
                ["rssAfterMb"] = Median(list.Select(r => (double)r["rssAfterKb"]! / 1024), 0),
                ["perRound"] = new JsonArray([.. list.Select(r => (JsonNode)JsonValue.Create(Math.Round(Kb(r), 2)))]),
            };
        }

        if (result["chat"] is JsonObject c && result["signalr"] is JsonObject s && (double)s["kbPerConnection"]! > 0)
        {
            result["ratios"] = new JsonObject { ["memoryVsSignalr"] = Math.Round((double)c["kbPerConnection"]! / (double)s["kbPerConnection"]!, 3) };
        }

        return result;
    }

    /// <summary>A scenario of the Chat server alone: the medians over its rounds, or why it was skipped.</summary>
    private static JsonObject Rounds(Dictionary<string, JsonObject> rounds, string scenario, string[] keys)
    {
        var list = rounds.Where(r => r.Key.StartsWith(scenario + "-r", StringComparison.Ordinal)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value).ToList();
        if (list.Count == 0)
        {
            return new JsonObject { ["skipped"] = "not run" };
        }

        if (list[0]["skipped"] is { } skipped)
        {
            return new JsonObject { ["skipped"] = skipped.GetValue<string>() };
        }

        var result = new JsonObject { ["rounds"] = list.Count };
        foreach (var (key, value) in list[0])
        {
            result[key] = keys.Contains(key) ? Median(list.Select(r => (double)r[key]!)) : value?.DeepClone();
        }

        result["perRound"] = new JsonArray([.. list.Select(r => (JsonNode)new JsonObject([.. keys.Select(k => KeyValuePair.Create(k, r[k]?.DeepClone()))]))]);
        return result;
    }

    private static double Median(IEnumerable<double> values, int digits = 2)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return 0;
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, digits);
    }

    private static double MemoryGb()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return Math.Round(kb / 1024 / 1024, 1);
    }

    private static string Markdown(JsonObject root)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        var machine = root["machine"]!;
        md.AppendLine(inv, $"Run of {root["date"]} ({root["mode"]} mode) on {machine["cores"]} cores, {machine["memoryGb"]} GB of memory; load average at start {machine["loadAverageAtStart"]}, at the end {machine["loadAverageAtEnd"]}; the host took up to {(double)machine["stealMax"]! * 100:0} % of the CPU in a round (steal). PostgreSQL: {root["postgres"]}.");
        md.AppendLine();
        md.AppendLine("| scenario | measure | Chat | bare SignalR | Socket.IO | Chat ÷ SignalR | Chat ÷ Socket.IO | target |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var scenario in RelayScenarios)
        {
            if (root[scenario] is not JsonObject relay)
            {
                continue;
            }

            var pairs = relay["chat"]?["pairs"] ?? relay["signalr"]?["pairs"];
            var label = scenario == "sqlite100" ? $"{scenario} ({pairs} pairs, SQLite, no Redis)" : $"{scenario} ({pairs} pairs)";
            var ratios = relay["ratios"]!;
            var (throughput, p99, cpu) = scenario switch
            {
                "relay100" => ("≥ 0.5 × SignalR, ≥ 0.55 × Socket.IO", "≤ 2 × SignalR", "≤ 50 µs"),
                "relay1000" => ("≥ 0.5 × SignalR", string.Empty, "≤ 50 µs"),
                _ => ("≥ 0.3 × SignalR", string.Empty, string.Empty),
            };
            Row(md, label, "msg/s", relay, Number("msgPerSec", "0"), ratios["throughputVsSignalr"], ratios["throughputVsSocketio"], throughput);
            Row(md, label, "p50 ms", relay, Number("p50Ms", "0.0"), null, null, string.Empty);
            Row(md, label, "p99 ms", relay, Number("p99Ms", "0.0"), ratios["p99VsSignalr"], ratios["p99VsSocketio"], p99);
            Row(md, label, "max ms", relay, Number("maxMs", "0"), null, null, string.Empty);
            CpuRows(md, label, "msg", relay, "Msg", cpu);
        }

        if (root["idle"] is JsonObject idle && idle["chat"] is JsonObject)
        {
            var label = $"idle ({idle["chat"]!["connections"]} visitors)";
            Row(md, label, "KB/connection", idle, Number("kbPerConnection", "0.0"), idle["ratios"]?["memoryVsSignalr"], null, "≤ 1.5 × SignalR");
        }

        if (root["connect"] is JsonObject connect && (connect["chat"] ?? connect["signalr"]) is { } first)
        {
            var label = $"connect ({first["connections"]} visitors, {first["parallel"]} at a time)";
            var ratios = connect["ratios"]!;
            Row(md, label, "connections/s", connect, Number("connPerSec", "0"), ratios["throughputVsSignalr"], null, "≥ 0.7 × bare SignalR");
            Row(md, label, "p50 ms per connection", connect, Number("p50Ms", "0.0"), null, null, string.Empty);
            Row(md, label, "p99 ms per connection", connect, Number("p99Ms", "0.0"), ratios["p99VsSignalr"], null, string.Empty);
            CpuRows(md, label, "connection", connect, "Conn", string.Empty);
        }

        if (root["storm"] is JsonObject storm && storm["skipped"] is null)
        {
            var label = $"storm ({storm["widgets"]} widgets, node A killed)";
            md.AppendLine(inv, $"| {label} | all resumed s / p50 / p99 ms | {Scalar(storm, "lastResumeS", "p50Ms", "p99Ms")} | | | | | all ≤ 30 s |");
            md.AppendLine(inv, $"| {label} | resumed / widgets / lost / duplicated / out of order | {Scalar(storm, "resumed", "widgets", "lost", "duplicated", "outOfOrder")} | | | | | all, 0 lost |");
            md.AppendLine(inv, $"| {label} | stored (psql) / acknowledged | {Scalar(storm, "stored", "acked")} | | | | | equal |");
            md.AppendLine(inv, $"| {label} | CPU µs/widget: server B / PostgreSQL / Redis / load generator | {CpuSplit("Widget")(storm)} | | | | | |");
        }

        md.AppendLine(inv, $"| handoff | per s / p50 / p99 ms | {Scalar(root["handoff"]!, "perSec", "p50Ms", "p99Ms")} | | | | | p99 ≤ 50 ms at 50/s |");
        md.AppendLine(inv, $"| import | accounts / seconds | {Scalar(root["import"]!, "accounts", "seconds")} | | | | | 10,000 in ≤ 5 s |");
        md.AppendLine(inv, $"| persisted | stored / acknowledged | {Scalar(root["persisted"]!, "stored", "sent")} | | | | | equal |");
        return md.ToString();
    }

    /// <summary>The CPU split per <paramref name="what"/> (server / PostgreSQL / Redis / load generator) and the server side's sum.</summary>
    private static void CpuRows(StringBuilder md, string label, string what, JsonObject scenario, string unit, string target)
    {
        Row(md, label, $"CPU µs/{what}: server / PostgreSQL / Redis / load generator", scenario, CpuSplit(unit), null, null, string.Empty);
        Row(md, label, $"CPU µs/{what}: server + PostgreSQL + Redis", scenario, Number($"cpu.serverSideUsPer{unit}", "0"), null, null, target);
    }

    private static Func<JsonNode, string> CpuSplit(string unit) =>
        node => string.Join(" / ", ServerSide.Append("loadgen").Select(name => Number($"cpu.{name}UsPer{unit}", "0")(node)));

    /// <summary>The number at <paramref name="path"/> (dotted) of a server's results, or "–".</summary>
    private static Func<JsonNode, string> Number(string path, string format) =>
        node =>
        {
            JsonNode? value = node;
            foreach (var part in path.Split('.'))
            {
                value = value?[part];
            }

            return value is null ? "–" : ((double)value).ToString(format, CultureInfo.InvariantCulture);
        };

    private static void Row(StringBuilder md, string label, string measure, JsonObject scenario, Func<JsonNode, string> cell, JsonNode? ratio1, JsonNode? ratio2, string target)
    {
        string Cell(string server) => scenario[server] is { } node ? cell(node) : "–";
        static string RatioCell(JsonNode? r) => r is null ? string.Empty : ((double)r).ToString("0.00", CultureInfo.InvariantCulture);
        md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {measure} | {Cell("chat")} | {Cell("signalr")} | {Cell("socketio")} | {RatioCell(ratio1)} | {RatioCell(ratio2)} | {target} |");
    }

    private static string Scalar(JsonNode node, params string[] keys) =>
        node["skipped"] is { } skipped ? $"skipped: {skipped}" : string.Join(" / ", keys.Select(k => node[k]?.ToString() ?? "–"));
}
