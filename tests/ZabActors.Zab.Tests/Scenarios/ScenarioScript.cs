using System.Text;

namespace ZabActors.Zab.Tests;

/// <summary>
/// Data-driven scenario files, after etcd's interaction tests: each block is a command, a line of
/// dashes, and the output it must print, followed by a blank line; lines starting with '#' are
/// comments. Run <c>ZAB_REWRITE=1 dotnet test tests/ZabActors.Zab.Tests</c> (with a build, since the
/// files are read from the output folder) to regenerate the expected output in the source files.
/// </summary>
internal static class ScenarioScript
{
    private const string Separator = "----";

    public sealed record Block(IReadOnlyList<string> Comments, string Command, string Expected);

    public static IReadOnlyList<Block> Parse(string text)
    {
        var blocks = new List<Block>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var comments = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith('#'))
            {
                comments.Add(line);
                continue;
            }
            if (line.Length == 0)
            {
                continue;
            }
            if (i + 1 >= lines.Length || lines[i + 1] != Separator)
            {
                throw new FormatException($"line {i + 1}: '{line}' must be followed by '{Separator}'");
            }
            var expected = new List<string>();
            for (i += 2; i < lines.Length && lines[i].Length > 0; i++)
            {
                expected.Add(lines[i]);
            }
            blocks.Add(new Block([.. comments], line, string.Join("\n", expected)));
            comments.Clear();
        }
        return blocks;
    }

    /// <summary>Runs every block through <paramref name="run"/> and checks (or rewrites) the outputs.</summary>
    public static void Check(string fileName, Func<string, string> run)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Scenarios", fileName);
        var blocks = Parse(File.ReadAllText(path));
        var rewritten = new StringBuilder();
        var mismatches = new List<string>();
        foreach (var block in blocks)
        {
            var actual = run(block.Command).TrimEnd('\n');
            if (actual != block.Expected)
            {
                mismatches.Add($"{block.Command}\nexpected:\n{block.Expected}\nactual:\n{actual}");
            }
            block.Comments.ToList().ForEach(c => rewritten.Append(c).Append('\n'));
            rewritten.Append(block.Command).Append('\n').Append(Separator).Append('\n').Append(actual).Append("\n\n");
        }
        if (Environment.GetEnvironmentVariable("ZAB_REWRITE") == "1")
        {
            File.WriteAllText(SourcePath(fileName), rewritten.ToString().TrimEnd('\n') + "\n");
            return;
        }
        Assert.True(mismatches.Count == 0, $"{fileName}:\n" + string.Join("\n\n", mismatches));
    }

    private static string SourcePath(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Scenarios", fileName);
            if (File.Exists(candidate) && dir.GetFiles("*.csproj").Length > 0)
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"source of scenario {fileName} not found above {AppContext.BaseDirectory}");
    }

    public static Dictionary<string, string> Options(IEnumerable<string> words) =>
        words.Where(w => w.Contains('=')).ToDictionary(w => w[..w.IndexOf('=')], w => w[(w.IndexOf('=') + 1)..]);

    public static Zxid ParseZxid(string text)
    {
        var dot = text.IndexOf('.');
        return Zxid.Make(long.Parse(text[..dot]), long.Parse(text[(dot + 1)..]));
    }

    public static string Show(Zxid zxid) => zxid == Zxid.None ? "none" : $"{zxid.Epoch}.{zxid.Counter}";

    public static long[] Ids(string list) => list.Length == 0 ? [] : list.Split(',').Select(long.Parse).ToArray();
}
