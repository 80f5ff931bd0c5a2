using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using ZabActors.Integration.Tests.Support;
using ZabActors.Node;
using ZabActors.Node.Hosting;
using ZabActors.Zab;

namespace ZabActors.Integration.Tests;

/// <summary>
/// Servers on their SQLite journals: snapshot retention across restarts, and a server whose journal was
/// damaged between two runs, which must exit with code 4 and say why.
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
            AssertRetainedSnapshots(server.Id);

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

        using (var connection = Open(ensemble.DataDirectory(3)))
        using (var damage = connection.CreateCommand())
        {
            // Cuts every record of server 3's txn log short: its recovery meets a torn record.
            damage.CommandText = "UPDATE journal SET message = CAST(substr(message, 1, length(message) - 2) AS BLOB) WHERE persistence_id = 'zab-3'";
            Assert.True(damage.ExecuteNonQuery() > 0, "server 3 has no journal rows");
        }

        var restarted = ensemble.Start(3);
        Assert.True(await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30)), "server 3 kept running on a damaged journal");
        Assert.Equal(ExitCodes.StorageFailed, restarted.ExitCode);
        var line = Assert.Single(restarted.Lines(), l => l.StartsWith("zabactors: server 3 stopped: its storage is unreadable", StringComparison.Ordinal));
        Assert.EndsWith($"exiting with code {ExitCodes.StorageFailed}", line);
        // The other two still commit without it.
        await Write(1, "without server 3");
    }

    /// <summary>The server keeps exactly snapshot-retain-count snapshots of its txn log, the older ones purged.</summary>
    private void AssertRetainedSnapshots(long sid)
    {
        using var connection = Open(Ensemble.DataDirectory(sid));
        using var query = connection.CreateCommand();
        query.CommandText = $"SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'zab-{sid}'";
        var kept = (long)query.ExecuteScalar()!;
        Output.WriteLine($"server {sid}: {kept} snapshots");
        Assert.Equal(3, kept);
    }

    private static SqliteConnection Open(string dataDirectory)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, NodeHost.JournalFileName)};Pooling=False");
        connection.Open();
        return connection;
    }
}
