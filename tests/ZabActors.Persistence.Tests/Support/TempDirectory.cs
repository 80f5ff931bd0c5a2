namespace ZabActors.Persistence.Tests.Support;

/// <summary>A private directory under the system temp dir, removed when the test ends.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("zab-persistence-test-").FullName;

    public string Path { get; }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A journal abandoned by a "kill" test may still hold its files open; the OS temp cleaner gets them.
        }
    }
}
