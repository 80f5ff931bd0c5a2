using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZabActors.Hocon;
using ZabActors.Node.Ensemble;
using ZabActors.Node.Storage;
using ZabActors.Persistence.Zab;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Tests;

/// <summary>
/// The node's storage: the purge hooks Quorum's retention drives, and what the process does when its
/// storage cannot be opened (at start) or read (the peer stops with PeerStorageFailed): one line on
/// stderr and exit code 4.
/// </summary>
public sealed class NodeStorageTests : IDisposable
{
    private const long MyId = 1;
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string DataDirectory => Path.Combine(dir.Path, "data");

    private static Zxid Z(long counter) => Zxid.Make(1, counter);

    private static Txn TxnAt(long counter) => new(Z(counter), Bytes.Wrap([(byte)counter]));

    private NodePeerStorage OpenStorage() =>
        NodePeerStorage.Open(ConfigurationFactory.Empty, DataDirectory, MyId, NullLoggerFactory.Instance);

    /// <summary>Logs transactions 1..<paramref name="last"/> and saves a snapshot at each of <paramref name="snapshots"/>.</summary>
    private void Populate(int last, params long[] snapshots)
    {
        using var storage = OpenStorage();
        for (var i = 1; i <= last; i++)
            storage.Log.Append(TxnAt(i));
        storage.Log.Flush();
        foreach (var at in snapshots)
            storage.Snapshots.Save(new Snapshot(Z(at), Bytes.Wrap([(byte)at])));
    }

    [Fact]
    public void The_peer_gets_the_journal_purge_hooks_and_the_node_purges_nothing_on_its_own()
    {
        using var storage = OpenStorage();
        Assert.IsAssignableFrom<IPurgeableTxnLog>(storage.Log);
        Assert.IsAssignableFrom<IPurgeableSnapshotStore>(storage.Snapshots);
        for (var i = 1; i <= 30; i++)
            storage.Log.Append(TxnAt(i));
        storage.Log.Flush();
        foreach (var at in new long[] { 5, 10, 20, 25 })
            storage.Snapshots.Save(new Snapshot(Z(at), Bytes.Wrap([(byte)at])));
        // Four snapshots and the journal's own retain count is 3: a node that purged by itself would have cut the log.
        Assert.Equal(Z(1), storage.Journal.Log.FirstDurableZxid);
        Assert.Equal(4, storage.Journal.Snapshots.KnownZxids.Count);
    }

    [Fact]
    public void Rewinding_through_the_hook_deletes_the_newer_snapshots_durably_so_a_reopen_loads_the_rewind_point()
    {
        Populate(30, 5, 10, 20, 25);
        using (var storage = OpenStorage())
        {
            // What the TxnLogActor does before installing a leader's SNAP at 0x...0b below its own newer snapshots.
            ((IRewindableSnapshotStore)storage.Snapshots).DeleteAfter(Z(10));
        }
        using var reopened = OpenStorage();
        // Without the rewind the newest snapshot (25) would load, ahead of a state machine rewound to 10.
        Assert.Equal(Z(10), reopened.Snapshots.LoadLatest()!.Zxid);
    }

    [Fact]
    public void Purging_through_the_hooks_keeps_the_log_from_the_oldest_kept_snapshot_and_a_reopen_reads_the_same_history()
    {
        Populate(30, 5, 10, 20, 25);
        using (var storage = OpenStorage())
        {
            // What the TxnLogActor does after its fourth snapshot with zab.snapshot-retain-count = 3.
            ((IPurgeableSnapshotStore)storage.Snapshots).DeleteBefore(Z(10));
            ((IPurgeableTxnLog)storage.Log).PurgeBefore(Z(10));
        }
        using var reopened = OpenStorage();
        Assert.Equal(Z(10), reopened.Journal.Log.FirstDurableZxid);
        Assert.Equal(Z(30), reopened.Log.LastZxid);
        Assert.Equal(Z(25), reopened.Snapshots.LoadLatest()!.Zxid);
        Assert.Equal(Enumerable.Range(11, 20).Select(i => TxnAt(i).Zxid), reopened.Log.ReadAfter(Z(10)).Select(t => t.Zxid));
        Assert.True(reopened.Journal.Log.HoldsEverythingAfter(Z(10)));
        Assert.False(reopened.Journal.Log.HoldsEverythingAfter(Z(5)));
        Assert.Equal(0L, CountRows("snapshots.db", "snapshot", "sequence_nr < " + Z(10).Value));
        Assert.Equal(3L, CountRows("snapshots.db", "snapshot", "1 = 1"));
    }

    [Fact]
    public async Task A_failed_purge_is_logged_as_an_error_and_the_log_then_refuses_work_until_reopened()
    {
        Populate(10);
        var logs = new RecordingLoggerFactory();
        var storage = NodePeerStorage.Open(ConfigurationFactory.Empty, DataDirectory, MyId, logs);
        await storage.Journal.Journal.DisposeAsync(); // the store goes away under the log

        Assert.ThrowsAny<PeerStorageException>(() => ((IPurgeableTxnLog)storage.Log).PurgeBefore(Z(5)));

        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"purging the txn log before {Z(5)} failed", error.Message);
        Assert.Contains("refuses further work until the storage is reopened", error.Message);
        // What the peer's next operation and its disk read then meet: the path that ends in PeerStorageFailed.
        Assert.ThrowsAny<PeerStorageException>(() => storage.Log.Append(TxnAt(11)));
        Assert.ThrowsAny<PeerStorageException>(() => storage.Log.ReadAfter(Zxid.Zero).ToList());
        storage.Dispose();
        using var reopened = OpenStorage();
        Assert.Equal(Z(10), reopened.Log.LastZxid);
        Assert.Equal(Z(1), reopened.Journal.Log.FirstDurableZxid);
    }

    [Fact]
    public void A_journal_that_cannot_be_opened_fails_the_server_before_it_joins_with_one_line_and_exit_code_4()
    {
        Populate(5);
        Execute("journal.db", "UPDATE journal SET payload = zeroblob(12) WHERE sequence_nr = 3");

        var (exitCode, output, error) = RunServer();

        Assert.Equal(ExitCodes.StorageFailed, exitCode);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"zabactors: server {MyId}: Cannot open the storage of peer 'zab-server-{MyId}': ", line);
        Assert.Contains("zab-server-1-txnlog", line);
    }

    [Fact]
    public void A_peer_that_stops_on_unreadable_storage_ends_the_process_with_one_line_and_exit_code_4()
    {
        // The log opens fine; its only snapshot is damaged, so the peer's disk read fails after the start.
        Populate(5, 5);
        Execute("snapshots.db", "UPDATE snapshot SET payload = zeroblob(20)");

        var (exitCode, _, error) = RunServer();

        Assert.Equal(ExitCodes.StorageFailed, exitCode);
        var line = Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"zabactors: server {MyId} stopped: its storage is unreadable (cannot read its storage: ", line);
        Assert.Contains("zab-server-1-snapshots", line);
        Assert.EndsWith($"); exiting with code {ExitCodes.StorageFailed}", line);
    }

    /// <summary>Runs the server in this process (a one-voter ensemble) until it exits on its own.</summary>
    private (int ExitCode, string Out, string Error) RunServer()
    {
        var ports = FreePorts.Allocate(2);
        var file = dir.Write("node.conf", $$"""
            zab {
              myid = {{MyId}}
              data-dir = "{{DataDirectory.Replace("\\", "/")}}"
              client-port = {{ports[1]}}
              tick-time = 100ms
              ensemble.servers = [ { id = {{MyId}}, host = "127.0.0.1", port = {{ports[0]}} } ]
              node { shutdown-timeout = 5s, log-level = warning }
            }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var run = Task.Run(() => Program.Run(["run", "--config", file], stdout, stderr));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the server did not exit on its own");
        return (run.Result, stdout.ToString(), stderr.ToString());
    }

    private void Execute(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, file)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(command.ExecuteNonQuery() > 0, $"'{sql}' changed nothing");
    }

    private long CountRows(string file, string table, string where)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, file)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        return (long)command.ExecuteScalar()!;
    }
}
