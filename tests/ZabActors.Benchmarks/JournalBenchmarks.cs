using System.Diagnostics;
using Npgsql;
using ZabActors.Persistence;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.PostgreSql;
using ZabActors.Persistence.Sqlite;

namespace ZabActors.Benchmarks;

/// <summary>
/// Durable journal throughput with group commit: N appenders each append one 100-byte record,
/// wait until it is durable, and append the next. Reports txns/s, fsyncs/s (committed batches
/// per second, one fsync each) and append-to-durable latency percentiles.
/// </summary>
/// <remarks>
/// Usage: <c>journal [--plugin sqlite|postgresql|all] [--seconds N] [--ids per-appender|shared]</c>.
/// By default every appender owns a persistence id (many actors, the layout's worst case); with
/// <c>--ids shared</c> all appenders pipeline into ONE id, as a ZAB node's transaction log does.
/// PostgreSQL reads its connection string from ZAB_TEST_PG (see .ci/postgres.sh) and is skipped
/// when it is unset.
/// </remarks>
public static class JournalBenchmarks
{
    private const int PayloadBytes = 100;
    private static readonly int[] AppenderCounts = [1, 8, 64];

    public static async Task<int> RunAsync(string[] args)
    {
        var plugin = "all";
        var seconds = 5.0;
        var shared = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--plugin" when i + 1 < args.Length:
                    plugin = args[++i];
                    break;
                case "--seconds" when i + 1 < args.Length && double.TryParse(args[i + 1], out var s) && s > 0:
                    seconds = s;
                    i++;
                    break;
                case "--ids" when i + 1 < args.Length && args[i + 1] is "per-appender" or "shared":
                    shared = args[++i] == "shared";
                    break;
                default:
                    Console.Error.WriteLine($"journal: unknown or incomplete option '{args[i]}'");
                    Console.Error.WriteLine("usage: journal [--plugin sqlite|postgresql|all] [--seconds N] [--ids per-appender|shared]");
                    return 2;
            }
        }
        if (plugin is not ("sqlite" or "postgresql" or "all"))
        {
            Console.Error.WriteLine($"journal: unknown plugin '{plugin}' (sqlite, postgresql or all)");
            return 2;
        }
        var duration = TimeSpan.FromSeconds(seconds);
        if (plugin is "sqlite" or "all")
            await RunSqliteAsync(duration, shared);
        if (plugin is "postgresql" or "all")
            await RunPostgreSqlAsync(duration, shared);
        return 0;
    }

    private static async Task RunSqliteAsync(TimeSpan duration, bool shared)
    {
        foreach (var appenders in AppenderCounts)
        {
            var directory = Directory.CreateTempSubdirectory("zab-journal-bench-");
            try
            {
                var journal = new SqliteJournal(new SqliteJournalSettings(directory.FullName));
                await using (journal)
                    await MeasureAsync("sqlite", journal, () => journal.Statistics.BatchesCommitted, appenders, duration, shared);
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private static async Task RunPostgreSqlAsync(TimeSpan duration, bool shared)
    {
        var connectionString = Environment.GetEnvironmentVariable("ZAB_TEST_PG");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.WriteLine("SKIP bench=journal plugin=postgresql reason=\"ZAB_TEST_PG is not set (see .ci/postgres.sh)\"");
            return;
        }
        foreach (var appenders in AppenderCounts)
        {
            var schema = $"zab_bench_{Environment.ProcessId}_{appenders}";
            var settings = new PostgreSqlJournalSettings(connectionString, schema);
            var journal = new PostgreSqlJournal(settings);
            try
            {
                await using (journal)
                    await MeasureAsync("postgresql", journal, () => journal.Statistics.BatchesCommitted, appenders, duration, shared);
            }
            finally
            {
                await DropSchemaAsync(connectionString, schema);
            }
        }
    }

    private static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
        await command.ExecuteNonQueryAsync();
    }

    private static async Task MeasureAsync(string plugin, IAsyncWriteJournal journal, Func<long> batchesCommitted,
        int appenders, TimeSpan duration, bool shared)
    {
        var payload = new byte[PayloadBytes];
        new Random(42).NextBytes(payload);
        var warmup = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, duration.Ticks / 5));
        var appendOne = shared ? SharedLog(journal, payload) : OwnLogs(journal, payload, appenders);
        await RunAppendersAsync(appendOne, appenders, warmup, latencies: null);

        var latencies = Enumerable.Range(0, appenders).Select(_ => new List<long>(1 << 16)).ToArray();
        var batchesBefore = batchesCommitted();
        var clock = Stopwatch.StartNew();
        await RunAppendersAsync(appendOne, appenders, duration, latencies);
        var elapsed = clock.Elapsed;
        var batches = batchesCommitted() - batchesBefore;

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var txnsPerSecond = all.Length / elapsed.TotalSeconds;
        var fsyncsPerSecond = batches / elapsed.TotalSeconds;
        Console.WriteLine(
            $"RESULT bench=journal plugin={plugin} appenders={appenders} txns_per_s={txnsPerSecond:F0} " +
            $"fsyncs_per_s={fsyncsPerSecond:F0} p50_us={Percentile(all, 0.50):F0} p99_us={Percentile(all, 0.99):F0} " +
            $"txns={all.Length} seconds={elapsed.TotalSeconds:F1} ids={(shared ? "shared" : "per-appender")}");
    }

    /// <summary>Appender i appends to its own id "bench-i".</summary>
    private static Func<int, Task<IReadOnlyList<Exception?>>> OwnLogs(IAsyncWriteJournal journal, byte[] payload, int appenders)
    {
        var sequenceNrs = new long[appenders];
        return appender => journal.WriteMessagesAsync(
            [new AtomicWrite(new Persistent($"bench-{appender}", ++sequenceNrs[appender], "bench", payload))]);
    }

    /// <summary>
    /// All appenders pipeline into one id; numbering and issuing happen under one lock so the
    /// journal receives the writes in sequence order, as from a single persistent actor.
    /// </summary>
    private static Func<int, Task<IReadOnlyList<Exception?>>> SharedLog(IAsyncWriteJournal journal, byte[] payload)
    {
        var gate = new object();
        var sequenceNr = 0L;
        return _ =>
        {
            lock (gate)
                return journal.WriteMessagesAsync([new AtomicWrite(new Persistent("bench-log", ++sequenceNr, "bench", payload))]);
        };
    }

    private static Task RunAppendersAsync(Func<int, Task<IReadOnlyList<Exception?>>> appendOne, int appenders, TimeSpan duration,
        List<long>[]? latencies)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, appenders).Select(appender => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                var results = await appendOne(appender);
                var end = Stopwatch.GetTimestamp();
                if (results[0] is { } rejected)
                    throw new InvalidOperationException($"benchmark write rejected: {rejected.Message}");
                latencies?[appender].Add(end - start);
            }
        })));
    }

    private static double Percentile(long[] sortedTicks, double quantile)
    {
        if (sortedTicks.Length == 0)
            return 0;
        var index = Math.Min(sortedTicks.Length - 1, (int)Math.Ceiling(quantile * sortedTicks.Length) - 1);
        return sortedTicks[Math.Max(0, index)] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
