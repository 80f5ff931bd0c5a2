using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using ZabActors.Hocon;
using ZabActors.Integration.Tests.Support;
using ZabActors.Node;
using ZabActors.Node.Storage;
using ZabActors.Zab;

namespace ZabActors.Integration.Tests;

/// <summary>
/// Servers on their SQLite files: retention through the peer's purge hooks across restarts, and a
/// server whose journal was damaged between two runs, which must exit with code 4 and say why.
/// </summary>
public sealed class StorageTests(ITestOutputHelper output) : EnsembleTest(output)
{
    /// <summary>Frequent snapshots (every 3 to 6 transactions), so 60 writes purge several times on every server.</summary>
    private const string FrequentSnapshots = FastTiming + "\nzab { committed-log-size = 12, snap-count = 6, snapshot-retain-count = 3 }";

    [Fact]
    public async Task Purged_servers_keep_the_log_from_their_oldest_kept_snapshot_and_recover_the_same_history()
    {
        var ensemble = CreateEnsemble(voters: 3, extraConfig: FrequentSnapshots);
        ensemble.StartAll();
        var leader = await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        var follower = ensemble.Servers.First(s => s.Id != leader).Id;
        for (var i = 0; i < 60; i++)
            await Write(follower, $"write {i}");
        var before = await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(15));
        Assert.Equal(60, before.Count);
        foreach (var server in ensemble.Servers)
            Assert.Equal(0, await ensemble.StopAsync(server.Id, TimeSpan.FromSeconds(15)));

        foreach (var server in ensemble.Servers)
            AssertPurgedToOldestKeptSnapshot(server.Id, before[0].Zxid, before[^1].Zxid);

        ensemble.StartAll();
        await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30), [1, 2, 3]);
        var after = await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(20));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_server_whose_journal_was_damaged_between_runs_exits_with_code_4_and_one_clear_line()
    {
        var ensemble = CreateEnsemble(voters: 3);
        ensemble.StartAll();
        await ensemble.AwaitLeaderAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 3; i++)
            await Write(1, $"write {i}");
        await AwaitSameHistory([1, 2, 3], TimeSpan.FromSeconds(15));
        Assert.Equal(0, await ensemble.StopAsync(3, TimeSpan.FromSeconds(15)));

        using (var connection = Open(ensemble.DataDirectory(3), "journal.db"))
        using (var damage = connection.CreateCommand())
        {
            damage.CommandText = "UPDATE journal SET payload = zeroblob(9) WHERE persistence_id = 'zab-server-3-txnlog' AND sequence_nr = 2";
            Assert.Equal(1, damage.ExecuteNonQuery());
        }

        var restarted = ensemble.Start(3);
        Assert.True(await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30)), "server 3 kept running on a damaged journal");
        Assert.Equal(ExitCodes.StorageFailed, restarted.ExitCode);
        var line = Assert.Single(restarted.Lines(), l => l.StartsWith("zabactors: server 3: ", StringComparison.Ordinal));
        Assert.Contains("Cannot open the storage of peer 'zab-server-3'", line);
        Assert.Contains("zab-server-3-txnlog", line);
        // The other two still commit without it.
        await Write(1, "without server 3");
    }

    /// <summary>
    /// The server's files as a restart reads them: at most the retained snapshots, the log from the
    /// oldest of them on (purged below it), and the log's end at the last write.
    /// </summary>
    private void AssertPurgedToOldestKeptSnapshot(long sid, Zxid firstWrite, Zxid lastWrite)
    {
        var kept = SnapshotZxids(Ensemble.DataDirectory(sid));
        Output.WriteLine($"server {sid}: snapshots {string.Join(", ", kept)}");
        Assert.Equal(3, kept.Count);
        using var storage = NodePeerStorage.Open(ConfigurationFactory.Empty, Ensemble.DataDirectory(sid), sid, NullLoggerFactory.Instance);
        Assert.Equal(kept[0], storage.Journal.Log.FirstDurableZxid);
        Assert.True(storage.Journal.Log.FirstDurableZxid > firstWrite, $"server {sid}'s log was never purged");
        Assert.Equal(lastWrite, storage.Log.LastZxid);
        Assert.Equal(kept[^1], storage.Snapshots.LoadLatest()!.Zxid);
    }

    private static List<Zxid> SnapshotZxids(string dataDirectory)
    {
        using var connection = Open(dataDirectory, "snapshots.db");
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT sequence_nr FROM snapshot ORDER BY sequence_nr";
        using var reader = query.ExecuteReader();
        var zxids = new List<Zxid>();
        while (reader.Read())
            zxids.Add(new Zxid(reader.GetInt64(0)));
        return zxids;
    }

    private static SqliteConnection Open(string dataDirectory, string file)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, file)};Pooling=False");
        connection.Open();
        return connection;
    }
}
