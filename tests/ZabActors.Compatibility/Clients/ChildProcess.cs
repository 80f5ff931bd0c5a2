using System.Diagnostics;
using System.Text;

namespace ZabActors.Compatibility.Clients;

/// <summary>
/// One client program run as a child process with a deadline: owns the process, everything it
/// printed, and its kill when the deadline passes or the test ends. Lines can be awaited while it runs
/// (a script says READY) and lines written to its stdin (the test says GO).
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();
    private readonly List<(string Line, TaskCompletionSource Seen)> awaited = [];
    private readonly CancellationTokenSource deadline;
    private readonly string commandLine;
    private bool timedOut;

    private ChildProcess(Process process, string commandLine, TimeSpan timeout)
    {
        this.process = process;
        this.commandLine = commandLine;
        deadline = new CancellationTokenSource(timeout);
        deadline.Token.Register(() =>
        {
            timedOut = true;
            KillQuietly();
        });
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/>; killed after <paramref name="timeout"/>.</summary>
    public static ChildProcess Start(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, $"{file} {string.Join(' ', info.ArgumentList)}", timeout);
        process.OutputDataReceived += (_, e) => child.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnStderr(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {file}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs to completion (or to the deadline) and returns what it did.</summary>
    public static async Task<ChildResult> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var child = Start(file, args, timeout, workingDirectory, environment);
        return await child.WaitForExitAsync();
    }

    /// <summary>Returns once the process printed exactly <paramref name="line"/> on stdout; fails if it exits or times out first.</summary>
    public async Task WaitForLineAsync(string line, TimeSpan timeout)
    {
        TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (stdout)
        {
            if (stdout.ToString().Split('\n').Contains(line))
            {
                return;
            }
            awaited.Add((line, seen));
        }
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (first != seen.Task)
        {
            var why = first == exited ? "exited" : $"did not print it within {timeout.TotalSeconds:0} s";
            throw new Xunit.Sdk.XunitException($"waited for the line '{line}' but the client {why}\n{Describe()}");
        }
    }

    /// <summary>Writes one line to the process's stdin.</summary>
    public async Task SendLineAsync(string line)
    {
        await process.StandardInput.WriteLineAsync(line);
        await process.StandardInput.FlushAsync();
    }

    public async Task<ChildResult> WaitForExitAsync()
    {
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            KillQuietly();
            await process.WaitForExitAsync();
        }
        // The parameterless wait also drains the asynchronous stdout/stderr readers.
        process.WaitForExit();
        lock (stdout)
        {
            return new ChildResult(commandLine, process.ExitCode, timedOut, stdout.ToString(), stderr.ToString());
        }
    }

    public async ValueTask DisposeAsync()
    {
        KillQuietly();
        await process.WaitForExitAsync();
        deadline.Dispose();
        process.Dispose();
    }

    private string Describe()
    {
        lock (stdout)
        {
            return new ChildResult(commandLine, -1, timedOut, stdout.ToString(), stderr.ToString()).ToString();
        }
    }

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (stdout)
        {
            stdout.Append(line).Append('\n');
            foreach (var (expected, seen) in awaited.Where(a => a.Line == line))
            {
                seen.TrySetResult();
            }
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (stdout)
        {
            stderr.Append(line).Append('\n');
        }
    }

    private void KillQuietly()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started or already reaped: nothing left to kill.
        }
    }
}
