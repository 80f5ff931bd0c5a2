using ZabActors.Hocon;
using ZabActors.Persistence.PostgreSql;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Configuration;

/// <summary>The PostgreSQL plugins chosen and configured through HOCON, against the test server.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlPluginConfigTests : IAsyncLifetime
{
    private PostgreSqlTestSchema schema = null!;

    public Task InitializeAsync()
    {
        schema = new PostgreSqlTestSchema();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [PluginFact]
    public async Task The_postgresql_plugins_are_configured_from_hocon()
    {
        var config = ConfigurationFactory.ParseString($$"""
            zab.persistence {
              journal.plugin = "zab.persistence.journal.postgresql"
              journal.postgresql { connection-string = "{{schema.ConnectionString}}", schema = "{{schema.Name}}" }
              snapshot-store.plugin = "zab.persistence.snapshot-store.postgresql"
              snapshot-store.postgresql { connection-string = "{{schema.ConnectionString}}", schema = "{{schema.Name}}" }
            }
            """);
        await using var journal = PersistencePlugins.CreateJournal(config);
        await using var snapshots = PersistencePlugins.CreateSnapshotStore(config);
        Assert.Contains(schema.Name, Assert.IsType<PostgreSqlJournal>(journal).Location);
        Assert.IsType<PostgreSqlSnapshotStore>(snapshots);
        Assert.Null((await journal.WriteMessagesAsync([new AtomicWrite(new Persistent("a", 1, "m", [1]))]))[0]);
        Assert.Equal(1, await journal.ReadHighestSequenceNrAsync("a", 0));
        await snapshots.SaveAsync(new SnapshotMetadata("a", 1, DateTime.UnixEpoch), [9]);
        Assert.Equal([9], (await snapshots.LoadAsync("a", SnapshotSelectionCriteria.Latest))!.Snapshot);
    }
}
