using System.Diagnostics;
using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;
using ZabActors.Zab;

namespace ZabActors.Journal.Tests;

/// <summary>
/// kill -9 of a process appending to a SQLite journal: a child process (the bench's crash-writer) appends with 8
/// requests in flight and prints each acknowledged zxid; it is killed mid-run, twice, and recovery must hold every
/// acknowledged zxid, in order, none twice.
/// </summary>
public sealed class CrashSpec : TxnLogSpecBase
{
    private const int AcksPerRun = 120;

    private readonly TempDirectory directory;

    public CrashSpec(ITestOutputHelper output) : this(new TempDirectory(), output)
    {
    }

    private CrashSpec(TempDirectory directory, ITestOutputHelper output)
        : base(ZabJournalConfig.Sqlite(directory.File("crash.db")), output)
    {
        this.directory = directory;
        Settings = TxnLogSettings.Default; // the crash-writer's persistence id: zab-1
    }

    [Fact]
    public async Task Every_acknowledged_zxid_survives_kill_9_and_none_is_logged_twice()
    {
        var acknowledged = new List<long>();
        for (var run = 0; run < 2; run++)
        {
            var acks = await RunAndKill(directory.File("crash.db"));
            Output?.WriteLine($"run {run}: {acks.Count} acks, last {new Zxid(acks.LastOrDefault())}");
            Assert.True(acks.Count >= AcksPerRun, $"the writer acknowledged only {acks.Count} batches");
            acknowledged.AddRange(acks);
        }

        var disk = Recover();
        var logged = disk.Txns.Select(txn => txn.Zxid.Value).ToList();
        Assert.Equal(logged.Count, logged.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, logged.Count).Select(counter => Zxid.Make(1, counter).Value), logged);
        Assert.All(acknowledged, zxid => Assert.Contains(zxid, logged));
        Output?.WriteLine($"recovered {logged.Count} txns, last {disk.LastLoggedZxid}; last acknowledged {new Zxid(acknowledged.Max())}");
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        directory.Dispose();
    }

    /// <summary>Starts the crash-writer, lets it acknowledge <see cref="AcksPerRun"/> batches, kills it with SIGKILL, returns every ack it printed.</summary>
    private static async Task<List<long>> RunAndKill(string databasePath)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "ZabActors.Journal.Bench.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { writer, "crash-writer", "--sqlite", databasePath })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the crash-writer");
        var acks = new List<long>();
        var enough = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    lock (acks)
                    {
                        acks.Add(long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture));
                        if (acks.Count == AcksPerRun)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
            }
        });
        var finished = await Task.WhenAny(enough.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != enough.Task)
        {
            var stderr = await process.StandardError.ReadToEndAsync();
            process.Kill();
            throw new InvalidOperationException($"the crash-writer stopped or stalled before {AcksPerRun} acks: {stderr}");
        }
        process.Kill(); // SIGKILL on Unix: no shutdown hooks, no flush
        await process.WaitForExitAsync();
        await reader; // the lines printed before the kill are acknowledged too
        return acks;
    }
}
