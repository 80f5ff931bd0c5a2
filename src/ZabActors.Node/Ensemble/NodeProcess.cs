using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ZabActors.Node.Ensemble;

/// <summary>
/// One child <c>zabactors</c> process: its captured output lines (bounded), a way to wait for a line,
/// and the two ways to stop it: SIGTERM (<see cref="Terminate"/>, the orderly exit) and SIGKILL
/// (<see cref="Kill"/>, a crash).
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private const int MaxLines = 50_000;
    private const int SigTerm = 15;
    private readonly Process process;
    private readonly object gate = new();
    private readonly List<string> lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> waiters = [];
    private readonly Action<string>? echo;

    private NodeProcess(Process process, string name, Action<string>? echo)
    {
        this.process = process;
        Name = name;
        this.echo = echo;
    }

    public string Name { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>Starts <paramref name="launcher"/> with <paramref name="arguments"/>, capturing stdout and stderr line by line.</summary>
    public static NodeProcess Start(NodeLauncher launcher, IEnumerable<string> arguments, string name, string? workingDirectory = null, Action<string>? echo = null)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        var info = new ProcessStartInfo(launcher.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in launcher.PrefixArguments.Concat(arguments))
            info.ArgumentList.Add(argument);
        // A child must not inherit a parent's test-time overrides of who it is.
        info.Environment.Remove("ZAB_MYID");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(process, name, echo);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Every line captured so far (the newest <see cref="MaxLines"/>).</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (gate)
            return [.. lines];
    }

    /// <summary>The first captured line (past or future) matching <paramref name="match"/>, or null after <paramref name="timeout"/>.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var seen = lines.FirstOrDefault(match);
            if (seen is not null)
                return seen;
            waiters.Add((match, found));
        }
        try
        {
            return await found.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (gate)
                waiters.RemoveAll(w => w.Found == found);
            return null;
        }
    }

    /// <summary>Asks the process to leave in order (SIGTERM; on Windows, which has no SIGTERM, a kill).</summary>
    public void Terminate()
    {
        if (process.HasExited)
            return;
        if (OperatingSystem.IsWindows() || SendSignal(process.Id, SigTerm) != 0)
            Kill();
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>True when the process exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    public override string ToString() => $"{Name} (pid {process.Id})";

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        List<TaskCompletionSource<string>> matched = [];
        lock (gate)
        {
            if (lines.Count >= MaxLines)
                lines.RemoveRange(0, MaxLines / 10);
            lines.Add(line);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Match(line))
                {
                    matched.Add(waiters[i].Found);
                    waiters.RemoveAt(i);
                }
            }
        }
        foreach (var found in matched)
            found.TrySetResult(line);
        echo?.Invoke(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
