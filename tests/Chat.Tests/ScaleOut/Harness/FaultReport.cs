using System.Globalization;
using System.Text;
using Chat.Tests.Infrastructure;

namespace Chat.Tests.ScaleOut.Harness;

/// <summary>What one fault scenario did to the conversations: compared per conversation between what senders had acknowledged and what receivers show.</summary>
public sealed record FaultOutcome(string Scenario, int Checked, int Lost, int Duplicated, int OutOfOrder, double ResumeP50Ms, double ResumeP99Ms)
{
    /// <summary>Checks every party of every conversation.</summary>
    public static FaultOutcome Check(string scenario, IEnumerable<(ChatParty Visitor, ChatParty Agent)> conversations)
    {
        int checkedCount = 0, lost = 0, duplicated = 0, outOfOrder = 0;
        var resumes = new List<double>();
        foreach (var (visitor, agent) in conversations)
        {
            var acknowledged = visitor.Acknowledged.Concat(agent.Acknowledged).ToList();
            checkedCount += acknowledged.Count;
            foreach (var party in new[] { visitor, agent })
            {
                var shown = party.Shown;
                var ids = shown.Select(m => m.ClientMessageId).ToList();
                duplicated += ids.Count - ids.Distinct().Count();
                outOfOrder += shown.Where((m, i) => m.Sequence != i + 1).Count();
                var seen = ids.ToHashSet();
                lost += acknowledged.Count(m => !seen.Contains(m.ClientMessageId));
                resumes.AddRange(party.ResumeMilliseconds);
            }
        }

        resumes.Sort();
        return new FaultOutcome(scenario, checkedCount, lost, duplicated, outOfOrder, Percentile(resumes, 0.5), Percentile(resumes, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>Adds a row to <c>tests/results/fault-harness.md</c>, which the test command prints at the end.</summary>
    public void Record()
    {
        var file = Repository.PathOf("tests", "results", "fault-harness.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        lock (typeof(FaultOutcome))
        {
            if (!File.Exists(file))
            {
                File.WriteAllText(file, "| scenario | messages checked | lost | duplicated | out of order | time to resume p50 | p99 |\n|---|---|---|---|---|---|---|\n");
            }

            File.AppendAllText(file, string.Create(CultureInfo.InvariantCulture,
                $"| {Scenario} | {Checked} | {Lost} | {Duplicated} | {OutOfOrder} | {ResumeP50Ms:0} ms | {ResumeP99Ms:0} ms |\n"), Encoding.UTF8);
        }
    }
}
