using ZabActors.Hocon;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.PostgreSql;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Sqlite;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Configuration;

/// <summary>Choosing and configuring plugins through HOCON, and the errors bad configuration gets.</summary>
public sealed class PersistencePluginsTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private string Quoted(string path) => "\"" + path.Replace("\\", "\\\\") + "\"";

    [Fact]
    public async Task The_defaults_choose_the_sqlite_journal_and_snapshot_store()
    {
        var config = ConfigurationFactory.ParseString($"""
            zab.persistence.journal.sqlite.data-dir = {Quoted(directory.Path)}
            zab.persistence.snapshot-store.sqlite.data-dir = {Quoted(directory.Path)}
            """);
        await using var journal = PersistencePlugins.CreateJournal(config);
        await using var snapshots = PersistencePlugins.CreateSnapshotStore(config);
        Assert.Equal(directory.Combine("journal.db"), Assert.IsType<SqliteJournal>(journal).DatabasePath);
        Assert.Equal(directory.Combine("snapshots.db"), Assert.IsType<SqliteSnapshotStore>(snapshots).DatabasePath);
        Assert.Null((await journal.WriteMessagesAsync([new AtomicWrite(new Persistent("a", 1, "m", [1]))]))[0]);
    }

    [Fact]
    public async Task The_memory_plugins_can_be_chosen()
    {
        var config = ConfigurationFactory.ParseString("""
            zab.persistence.journal.plugin = "zab.persistence.journal.memory"
            zab.persistence.snapshot-store.plugin = "zab.persistence.snapshot-store.memory"
            """);
        await using var journal = PersistencePlugins.CreateJournal(config);
        await using var snapshots = PersistencePlugins.CreateSnapshotStore(config);
        Assert.IsType<MemoryJournal>(journal);
        Assert.IsType<MemorySnapshotStore>(snapshots);
    }

    [Fact]
    public async Task A_plugin_block_at_any_path_gets_its_plugins_defaults()
    {
        var config = ConfigurationFactory.ParseString($$"""
            zab.persistence.journal.plugin = "my.node.journal"
            my.node.journal {
              class = "ZabActors.Persistence.Sqlite.SqliteJournal, ZabActors.Persistence.Sqlite"
              data-dir = {{Quoted(directory.Path)}}
              file-name = "node-1.db"
            }
            """);
        await using var journal = PersistencePlugins.CreateJournal(config);
        Assert.Equal(directory.Combine("node-1.db"), Assert.IsType<SqliteJournal>(journal).DatabasePath);
    }

    [Fact]
    public void Every_sqlite_journal_key_is_read()
    {
        var settings = SqliteJournalSettings.FromConfig(ConfigurationFactory.ParseString("""
            data-dir = "/var/lib/zab"
            file-name = "txnlog.db"
            max-batch-size = 100
            queue-capacity = 200
            busy-timeout = 250ms
            max-idle-readers = 2
            """));
        Assert.Equal(new SqliteJournalSettings("/var/lib/zab", "txnlog.db", 100, 200, TimeSpan.FromMilliseconds(250), 2), settings);
        Assert.Equal(new SqliteJournalSettings("data", "journal.db", 4096, 16384, TimeSpan.FromSeconds(5), 4),
            SqliteJournalSettings.FromConfig(ConfigurationFactory.Empty));
    }

    [Fact]
    public void Every_postgresql_key_is_read()
    {
        var settings = PostgreSqlJournalSettings.FromConfig(ConfigurationFactory.ParseString("""
            connection-string = "Host=db;Database=zab"
            schema = "zab_nodes"
            max-batch-size = 10
            queue-capacity = 20
            command-timeout = 3s
            """));
        Assert.Equal(new PostgreSqlJournalSettings("Host=db;Database=zab", "zab_nodes", 10, 20, TimeSpan.FromSeconds(3)), settings);
        var snapshots = PostgreSqlSnapshotStoreSettings.FromConfig(ConfigurationFactory.ParseString("connection-string = \"Host=db\""));
        Assert.Equal(new PostgreSqlSnapshotStoreSettings("Host=db", "public", TimeSpan.FromSeconds(30)), snapshots);
    }

    [Theory]
    [InlineData("zab.persistence.journal.plugin = \"\"", "zab.persistence.journal.plugin is empty")]
    [InlineData("zab.persistence.journal.plugin = \"no.such.block\"", "no journal plugin block at no.such.block")]
    [InlineData("zab.persistence.journal.plugin = \"p\"\np { data-dir = \"x\" }", "p.class is missing")]
    [InlineData("zab.persistence.journal.plugin = \"p\"\np.class = \"No.Such.Type, No.Such.Assembly\"", "was not found")]
    [InlineData("zab.persistence.journal.plugin = \"p\"\np.class = \"System.String\"", "does not implement IAsyncWriteJournal")]
    [InlineData("zab.persistence.journal.plugin = \"p\"\np.class = \"ZabActors.Persistence.Journal.GroupCommitStatistics, ZabActors.Persistence\"", "does not implement")]
    [InlineData("zab.persistence.journal.sqlite.max-batch-size = 0", "zab.persistence.journal.sqlite: max-batch-size must be at least 1")]
    [InlineData("zab.persistence.journal.sqlite.queue-capacity = lots", "queue-capacity")]
    [InlineData("zab.persistence.journal.plugin = \"zab.persistence.journal.postgresql\"", "zab.persistence.journal.postgresql: connection-string must be set")]
    public void Bad_configuration_is_a_clear_error(string hocon, string expected)
    {
        var config = ConfigurationFactory.ParseString(hocon);
        var error = Assert.ThrowsAny<ConfigException>(() => PersistencePlugins.CreateJournal(config));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_journal_class_is_not_accepted_as_a_snapshot_store()
    {
        var config = ConfigurationFactory.ParseString("""
            zab.persistence.snapshot-store.plugin = "zab.persistence.journal.memory"
            """);
        var error = Assert.Throws<ConfigException>(() => PersistencePlugins.CreateSnapshotStore(config));
        Assert.Contains("does not implement ISnapshotStore", error.Message);
    }
}
