namespace ZabActors.Hocon.Tests;

/// <summary>
/// Locates the shared HOCON conformance data, <c>&lt;repo&gt;/../shared/conformance/hocon</c>, by walking up
/// from the test binaries, and lists its cases: every <c>.conf</c> and <c>.json</c> file of every folder.
/// </summary>
internal static class ConformanceData
{
    public const string MissingMarker = "<conformance data not found>";

    public static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "hocon"));
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>Rows of (folder, file name); a single marker row when the data cannot be found, so the test fails loudly.</summary>
    public static IEnumerable<object[]> Cases()
    {
        var root = FindRoot();
        if (root is null)
        {
            yield return [MissingMarker, $"walked up from {AppContext.BaseDirectory} without finding a shared/conformance/hocon sibling of the repository"];
            yield break;
        }
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var files = Directory.GetFiles(folder)
                .Where(f => f.EndsWith(".conf", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
                yield return [Path.GetFileName(folder), Path.GetFileName(file)];
        }
    }
}
