using System.Globalization;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>One singleton activation on one node: the lease's fencing token and when it ran (Stop null while running or if the node was killed).</summary>
public sealed record Activation(string Node, long FencingToken, DateTimeOffset Start, DateTimeOffset? Stop);

/// <summary>
/// The <c>--record</c> file: one line per singleton start and stop, appended and flushed at once so
/// a node killed with SIGKILL leaves every line it wrote. Lines are
/// <c>start node=H:P token=0x.. at=UNIX_MS</c> and <c>stop node=H:P token=0x.. at=UNIX_MS</c>.
/// </summary>
public sealed class ActivationLog(string path)
{
    private readonly object gate = new();

    public void Started(string node, long token, DateTimeOffset at) => Append("start", node, token, at);

    public void Stopped(string node, long token, DateTimeOffset at) => Append("stop", node, token, at);

    /// <summary>Reads the activations recorded in the files, a start paired with the stop of the same node and token.</summary>
    public static IReadOnlyList<Activation> Read(IEnumerable<string> paths)
    {
        var activations = new List<Activation>();
        foreach (var line in paths.Where(File.Exists).SelectMany(File.ReadAllLines))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 4)
            {
                continue;
            }
            var values = fields.Skip(1).Select(f => f.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
            var node = values["node"];
            var token = long.Parse(values["token"].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var at = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(values["at"], CultureInfo.InvariantCulture));
            if (fields[0] == "start")
            {
                activations.Add(new Activation(node, token, at, null));
                continue;
            }
            var open = activations.FindLastIndex(a => a.Node == node && a.FencingToken == token && a.Stop is null);
            if (open >= 0)
            {
                activations[open] = activations[open] with { Stop = at };
            }
        }
        return activations;
    }

    private void Append(string kind, string node, long token, DateTimeOffset at)
    {
        var line = $"{kind} node={node} token=0x{token:x} at={at.ToUnixTimeMilliseconds()}\n";
        lock (gate)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(System.Text.Encoding.UTF8.GetBytes(line));
            file.Flush(flushToDisk: true);
        }
    }
}
