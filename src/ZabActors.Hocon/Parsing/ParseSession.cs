namespace ZabActors.Hocon.Parsing;

/// <summary>
/// State shared by a document and everything it includes: the chain of files currently open, which is
/// how include cycles are detected and include depth is bounded.
/// </summary>
internal sealed class ParseSession
{
    public const int MaxIncludeDepth = 32;

    private readonly List<string> _openFiles = [];

    public IReadOnlyList<string> OpenFiles => _openFiles;

    public bool IsOpen(string fullPath) => _openFiles.Contains(fullPath, StringComparer.Ordinal);

    public void Enter(string fullPath) => _openFiles.Add(fullPath);

    public void Leave() => _openFiles.RemoveAt(_openFiles.Count - 1);
}
