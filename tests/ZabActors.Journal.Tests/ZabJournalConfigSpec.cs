using Akka.Configuration;

namespace ZabActors.Journal.Tests;

/// <summary>How <c>zab.journal</c> chooses and configures the store, and the defaults the actor reads.</summary>
public sealed class ZabJournalConfigSpec
{
    [Fact]
    public void The_default_store_is_a_sqlite_file_at_the_configured_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "zab-config-spec", "peer.db");
        var config = ZabJournalConfig.Create(ConfigurationFactory.ParseString($"zab.journal.sqlite.path = \"{path}\""));

        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Contains($"Data Source={path}", config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(config.GetString("akka.persistence.journal.sql.connection-string"),
            config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
    }

    [Fact]
    public void The_postgresql_store_takes_its_connection_string_and_refuses_none()
    {
        var config = ZabJournalConfig.Create(ConfigurationFactory.ParseString("""
            zab.journal.store = postgresql
            zab.journal.postgresql.connection-string = "Host=127.0.0.1;Port=5432;Database=zab"
            """));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("Host=127.0.0.1;Port=5432;Database=zab", config.GetString("akka.persistence.snapshot-store.sql.connection-string"));

        Assert.Throws<ConfigurationException>(() => ZabJournalConfig.Create(ConfigurationFactory.ParseString("zab.journal.store = postgresql")));
        Assert.Throws<ConfigurationException>(() => ZabJournalConfig.Create(ConfigurationFactory.ParseString("zab.journal.store = mysql")));
    }

    [Fact]
    public void The_actor_settings_come_from_zab_journal()
    {
        Assert.Equal(new TxnLogSettings("zab", 3, 10000, 256), TxnLogSettings.Default);
        var settings = TxnLogSettings.Create(ConfigurationFactory.ParseString("zab.journal { persistence-id-prefix = peer, snapshot-retain-count = 5 }"));
        Assert.Equal(("peer-7", 5), (settings.PersistenceId(7), settings.SnapshotRetainCount));
        Assert.Throws<ConfigurationException>(() => TxnLogSettings.Create(ConfigurationFactory.ParseString("zab.journal.snapshot-retain-count = 0")));
    }
}
