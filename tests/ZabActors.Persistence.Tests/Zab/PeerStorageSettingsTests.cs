using ZabActors.Hocon;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Zab;
using ZabActors.Zab;

namespace ZabActors.Persistence.Tests.Zab;

public sealed class PeerStorageSettingsTests
{
    [Fact]
    public void The_defaults_come_from_persistence_conf()
    {
        var settings = PeerStorageSettings.FromConfig(Config.Empty);
        Assert.Equal(PeerStorageSettings.Default, settings);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.OperationTimeout);
        Assert.Equal(3, settings.SnapshotRetainCount);
    }

    [Theory]
    [InlineData("operation-timeout = 0s", "operation-timeout must be positive")]
    [InlineData("snapshot-retain-count = 2", "snapshot-retain-count must be at least 3")]
    [InlineData("operation-timeout = soon", "operation-timeout")]
    public void Bad_values_name_the_key(string setting, string expected)
    {
        var config = ConfigurationFactory.ParseString($"zab.persistence.peer-storage {{ {setting} }}");
        Assert.Contains(expected, Assert.Throws<ConfigException>(() => PeerStorageSettings.FromConfig(config)).Message);
    }

    [Fact]
    public void Storage_opened_from_configuration_can_use_the_memory_plugins()
    {
        var config = ConfigurationFactory.ParseString("""
            zab.persistence.journal.plugin = "zab.persistence.journal.memory"
            zab.persistence.snapshot-store.plugin = "zab.persistence.snapshot-store.memory"
            zab.persistence.peer-storage.snapshot-retain-count = 5
            """);
        using var storage = JournalPeerStorage.Open(config, dataDirectory: "ignored-by-memory-plugins", "peer-9");
        Assert.IsType<MemoryJournal>(storage.Journal);
        Assert.IsType<MemorySnapshotStore>(storage.SnapshotStore);
        Assert.Equal(5, storage.Settings.SnapshotRetainCount);
        storage.Log.Append(new Txn(Zxid.Make(1, 1), Bytes.FromUtf8("x")));
        storage.Log.Flush();
        Assert.Equal(Zxid.Make(1, 1), storage.Log.LastDurableZxid);
        Assert.False(Directory.Exists("ignored-by-memory-plugins"));
    }

    [Fact]
    public void An_unknown_plugin_fails_open_with_the_configuration_error()
    {
        var config = ConfigurationFactory.ParseString("""zab.persistence.journal.plugin = "zab.persistence.journal.nowhere" """);
        var error = Assert.Throws<PeerStorageOpenException>(() => JournalPeerStorage.Open(config, null, "peer-9"));
        Assert.Contains("cannot open the journal", error.Message);
        Assert.Contains("zab.persistence.journal.nowhere", error.Message);
    }
}
