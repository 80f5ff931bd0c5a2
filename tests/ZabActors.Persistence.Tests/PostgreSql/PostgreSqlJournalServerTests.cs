using Npgsql;
using ZabActors.Persistence.PostgreSql;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.PostgreSql;

/// <summary>
/// PostgreSQL behaviour beyond the conformance suite, against the real test server: nodes sharing
/// one database, concurrent schema creation, schema version checks and a dropped connection.
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlJournalServerTests : IAsyncLifetime
{
    private PostgreSqlTestSchema schema = null!;

    public Task InitializeAsync()
    {
        schema = new PostgreSqlTestSchema();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await schema.DisposeAsync();

    private PostgreSqlJournal Open(string? applicationName = null)
    {
        var connectionString = applicationName is null
            ? schema.ConnectionString
            : new NpgsqlConnectionStringBuilder(schema.ConnectionString) { ApplicationName = applicationName }.ToString();
        return new PostgreSqlJournal(new PostgreSqlJournalSettings(connectionString, schema.Name));
    }

    private static AtomicWrite Write(string persistenceId, long from, long to) =>
        new(Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => new Persistent(persistenceId, n, "m", [(byte)n])).ToList());

    private static async Task<List<long>> ReplayAsync(PostgreSqlJournal journal, string persistenceId)
    {
        var replayed = new List<long>();
        await journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, r => replayed.Add(r.SequenceNr));
        return replayed;
    }

    private static Task<T> OnOwnThread<T>(Func<T> start) =>
        Task.Factory.StartNew(start, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [PluginFact]
    public async Task Nodes_sharing_one_database_keep_their_ids_apart()
    {
        await using var node1 = Open();
        await using var node2 = Open();
        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var n = 1; n <= 50; n++)
                    Assert.Null((await node1.WriteMessagesAsync([Write("node1/txnlog", n, n)]))[0]);
            }),
            Task.Run(async () =>
            {
                for (var n = 1; n <= 50; n++)
                    Assert.Null((await node2.WriteMessagesAsync([Write("node2/txnlog", n, n)]))[0]);
            }));
        await node2.TruncateAfterAsync("node2/txnlog", 10);

        Assert.Equal(Enumerable.Range(1, 50).Select(n => (long)n), await ReplayAsync(node1, "node1/txnlog"));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), await ReplayAsync(node1, "node2/txnlog"));
        Assert.Equal(50, await node2.ReadHighestSequenceNrAsync("node1/txnlog", 0));
    }

    [PluginFact]
    public async Task Nodes_starting_together_create_the_schema_once()
    {
        // Opening blocks on the server, so each "node" starts on its own thread, not the thread pool.
        var journals = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => OnOwnThread(() => Open())));
        var snapshots = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => OnOwnThread(() =>
            new PostgreSqlSnapshotStore(new PostgreSqlSnapshotStoreSettings(schema.ConnectionString, schema.Name)))));
        for (var i = 0; i < journals.Length; i++)
            Assert.Null((await journals[i].WriteMessagesAsync([Write($"node{i}", 1, 1)]))[0]);
        await snapshots[0].SaveAsync(new SnapshotMetadata("node0", 1, DateTime.UnixEpoch), [1]);
        Assert.NotNull(await snapshots[2].LoadAsync("node0", SnapshotSelectionCriteria.Latest));
        foreach (var journal in journals)
            await journal.DisposeAsync();
        foreach (var store in snapshots)
            await store.DisposeAsync();
    }

    [PluginFact]
    public async Task A_wrong_schema_version_is_a_clear_error()
    {
        await using (Open()) { }
        await schema.ExecuteAsync($"UPDATE \"{schema.Name}\".zab_schema_version SET version = 42 WHERE store = 'journal';");
        var error = Assert.Throws<StoreOpenException>(() => Open());
        Assert.Contains("schema version 42 found", error.Message);
        Assert.Contains(schema.Name, error.Message);
        Assert.Contains("127.0.0.1", error.Message);
    }

    [PluginFact]
    public async Task The_journal_recovers_after_its_connection_is_killed()
    {
        var applicationName = $"zab-kill-{schema.Name}";
        await using var journal = Open(applicationName);
        Assert.Null((await journal.WriteMessagesAsync([Write("a", 1, 3)]))[0]);
        await schema.ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name;",
            ("name", applicationName));

        // The batch that meets the dead connection fails as a journal failure; a retry opens a new one.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Assert.Null((await journal.WriteMessagesAsync([Write("a", 4, 4)]))[0]);
                break;
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
        Assert.Equal([1L, 2L, 3L, 4L], await ReplayAsync(journal, "a"));
    }

    [PluginFact]
    public async Task Store_connections_force_synchronous_commit_on()
    {
        var lax = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Options = "-c synchronous_commit=off" }.ToString();
        await using var dataSource = PostgreSqlConnections.CreateDataSource(lax, schema.Name, "test", TimeSpan.FromSeconds(10), out _);
        await using var command = dataSource.CreateCommand("SHOW synchronous_commit;");
        Assert.Equal("on", await command.ExecuteScalarAsync());
    }
}
