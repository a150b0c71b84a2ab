using Chat.Tests.Infrastructure;

namespace Chat.Tests.Protocol;

/// <summary>
/// The TypeScript contracts both front-ends import are exactly what <see cref="TypeScriptContracts"/> makes of Chat.Contracts
/// and the hubs, so a renamed member or a changed hub method breaks the widget's and the console's type check, not a user.
/// </summary>
[Trait("Area", "Protocol")]
public sealed class TypeScriptContractsTests
{
    private const int MostDiffLines = 60;

    [Fact]
    public void The_checked_in_typescript_contracts_are_the_ones_generated_from_Chat_Contracts_and_the_hubs()
    {
        var path = Repository.PathOf(TypeScriptContracts.FilePath);
        var generated = TypeScriptContracts.Generate();
        if (Environment.GetEnvironmentVariable(TypeScriptContracts.WriteVariable) == "1")
        {
            File.WriteAllText(path, generated);
        }

        var checkedIn = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";

        Assert.True(
            generated == checkedIn,
            $"""
            {string.Join('/', TypeScriptContracts.FilePath)} is not what Chat.Contracts and the hubs say now (- checked in, + generated):
            {Diff(checkedIn, generated)}
            Regenerate it from the repository root:
              {TypeScriptContracts.WriteVariable}=1 dotnet test tests/Chat.Tests --filter "Area=Protocol&FullyQualifiedName~TypeScriptContracts"
            then fix what the front-ends' type check (npm run build) reports.
            """);
    }

    /// <summary>The lines that differ, by a longest common subsequence, each with its line number in its own file.</summary>
    private static string Diff(string before, string after)
    {
        string[] a = before.Split('\n'), b = after.Split('\n');
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                (x, y) = (x + 1, y + 1);
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                lines.Add($"-{x + 1,5}: {a[x++]}");
            }
            else
            {
                lines.Add($"+{y + 1,5}: {b[y++]}");
            }
        }

        var shown = string.Join('\n', lines.Take(MostDiffLines));
        return lines.Count > MostDiffLines ? $"{shown}\n… and {lines.Count - MostDiffLines} more lines" : shown;
    }
}
