using System.Globalization;
using ZabActors.Node.Ensemble;

namespace ZabActors.Benchmarks;

/// <summary>The options the process-ensemble benchmarks share, and where their node processes and data come from.</summary>
internal sealed record BenchOptions(TimeSpan Measure, TimeSpan Warmup, int Payload, int Runs, string? Directory)
{
    public static bool TryParse(string name, string[] args, out BenchOptions options)
    {
        options = new BenchOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), 100, 10, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--seconds" when Positive(value, out var s):
                    options = options with { Measure = TimeSpan.FromSeconds(s) };
                    break;
                case "--warmup" when Positive(value, out var w):
                    options = options with { Warmup = TimeSpan.FromSeconds(w) };
                    break;
                case "--payload" when int.TryParse(value, CultureInfo.InvariantCulture, out var p) && p >= 8:
                    options = options with { Payload = p };
                    break;
                case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var r) && r >= 1:
                    options = options with { Runs = r };
                    break;
                case "--dir" when value is not null:
                    options = options with { Directory = value };
                    break;
                default:
                    Console.Error.WriteLine($"{name}: unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine($"usage: {name} [--seconds N] [--warmup N] [--payload BYTES>=8] [--runs N] [--dir PATH]");
                    return false;
            }
            i++;
        }
        return true;
    }

    /// <summary>A fresh directory for one run's configs and data (on disk, so fsync is real).</summary>
    public string NewDirectory(string bench) =>
        Path.Combine(Directory ?? Path.GetTempPath(), $"zab-bench-{bench}-{Environment.ProcessId}");

    /// <summary>The node built alongside this benchmark (same configuration), run with <c>dotnet zabactors.dll</c>.</summary>
    public static NodeLauncher Launcher()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return NodeLauncher.ForRepositoryBuild(AppContext.BaseDirectory, configuration);
    }

    public static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the data of a benchmark run is scratch.
        }
    }

    private static bool Positive(string? text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0;
}
