using System.Globalization;
using System.Text.Json;
using Chat.Bench.LoadGen;

// The load generator of bench/run.sh. Verbs:
//   relay --target chat|signalr --url U --pairs N --per-agent K --warmup S --duration S [--cpu spec] --out FILE
//   idle  --target chat|signalr --url U --connections N --warm W --name NAME --signal-dir DIR [--hold-max S] --out FILE
//   connect --target chat|signalr --url U --connections N --warm W --parallel P [--cpu spec] --out FILE
//   storm --url NODE_A --fallback NODE_B --widgets N --kill-pid NODE_A_PID --resume-max S [--cpu spec] --out FILE
//   import --url U --accounts N --round R --out FILE
//   handoff --url U --rate PER_S --warmup S --duration S --accounts N --round R --out FILE
//   summarize --in DIR --json FILE --md FILE [--readme FILE] [--mode quick|full] [--load TEXT]
var options = Options.Parse(args);
var label = $"{options.Verb} {options.Text("target", string.Empty)} {options.Text("name", string.Empty)}".Trim();
void Progress(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{DateTime.Now:HH:mm:ss}] {label}: {line}"));

if (options.Verb == "summarize")
{
    await Summary.RunAsync(options);
    return 0;
}

var result = options.Verb switch
{
    "relay" => options.Text("target") switch
    {
        "chat" => await ChatTarget.RelayAsync(options, Progress),
        "signalr" => await BareTarget.RelayAsync(options, Progress),
        var other => throw new ArgumentException($"Unknown target '{other}'."),
    },
    "idle" => await IdleWorker.RunAsync(options, Progress),
    "connect" => await ConnectScenario.RunAsync(options, Progress),
    "storm" => await StormScenario.RunAsync(options, Progress),
    "import" => await HandoffScenario.ImportAsync(options, Progress),
    "handoff" => await HandoffScenario.HandoffAsync(options, Progress),
    var other => throw new ArgumentException($"Unknown verb '{other}'."),
};

var json = JsonSerializer.Serialize(result);
await File.WriteAllTextAsync(options.Text("out"), json);
Progress(json);
return 0;
