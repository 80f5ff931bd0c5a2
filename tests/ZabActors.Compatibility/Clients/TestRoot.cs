namespace ZabActors.Compatibility.Clients;

/// <summary>
/// Gives each test its own znode root (/compat/client-test-N), so tests sharing the one ensemble never
/// see each other's nodes. The process id keeps two runs against a long-lived ensemble apart.
/// </summary>
public static class TestRoot
{
    private static int next;

    public static string For(string client, string test) =>
        $"/compat-{Environment.ProcessId}/{client}-{test}-{Interlocked.Increment(ref next)}";
}
