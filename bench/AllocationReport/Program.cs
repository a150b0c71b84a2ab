using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// What a server allocated per message, from a trace of `dotnet-trace collect --profile gc-verbose` taken while the load
// generator ran: the runtime reports a sample (GCAllocationTick) about every 100 KB allocated, with the bytes since the last
// one, the type of the object that crossed the mark and its call stack. So the total is exact and a type's bytes are an
// estimate: fair for large arrays, rough for small objects.
//   AllocationReport <trace.nettrace> <messages> [<type> [<frames>]]
// Without a type: the total and the 25 largest types; with one: where that type is allocated, by its first frames.
if (args.Length < 2 || !double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var messages) || messages <= 0)
{
    Console.Error.WriteLine("usage: AllocationReport <trace.nettrace> <messages> [<type> [<frames>]]");
    return 2;
}

var type = args.Length > 2 ? args[2] : null;
var depth = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 6;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
long total = 0;
foreach (var sample in log.Events.ByEventType<GCAllocationTickTraceData>())
{
    var name = sample.TypeName ?? "?";
    total += sample.AllocationAmount64;
    if (type is not null && name != type)
    {
        continue;
    }

    var key = type is null ? name : Stack(sample.CallStack(), depth);
    bytes[key] = bytes.GetValueOrDefault(key) + sample.AllocationAmount64;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all types: {total / messages:0} B per message ({total / 1e6:0} MB sampled over {messages:0} messages)"));
if (type is not null)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type}: {bytes.Values.Sum() / messages:0} B per message"));
}

foreach (var (key, amount) in bytes.OrderByDescending(p => p.Value).Take(type is null ? 25 : 12))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{amount / messages,8:0} B  {key}"));
}

return 0;

static string Stack(TraceCallStack? frame, int depth)
{
    var frames = new List<string>();
    for (; frame is not null && frames.Count < depth; frame = frame.Caller)
    {
        var method = frame.CodeAddress.FullMethodName;
        frames.Add(string.IsNullOrEmpty(method) ? $"{frame.CodeAddress.ModuleName}!?" : method);
    }

    return string.Join(Environment.NewLine + "            <- ", frames);
}
