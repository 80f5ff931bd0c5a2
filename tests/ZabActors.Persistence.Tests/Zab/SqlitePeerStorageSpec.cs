using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Persistence.Sqlite;
using ZabActors.Persistence.Tests.Support;
using ZabActors.Persistence.Zab;

namespace ZabActors.Persistence.Tests.Zab;

/// <summary>Runs the peer storage suite on the SQLite plugins, opened from HOCON with a data dir.</summary>
public sealed class SqlitePeerStorageSpec : PeerStorageSpec
{
    private readonly TempDirectory directory = new();

    protected override string ExpectedLocation => directory.Combine("journal.db");

    protected override JournalPeerStorage OpenStorage(ILoggerFactory logging) =>
        JournalPeerStorage.Open(ConfigurationFactory.ParseString("""
            zab.persistence.journal.plugin = "zab.persistence.journal.sqlite"
            zab.persistence.snapshot-store.plugin = "zab.persistence.snapshot-store.sqlite"
            """), directory.Path, Prefix, logging);

    protected override long BatchesCommitted(JournalPeerStorage storage) => ((SqliteJournal)storage.Journal).Statistics.BatchesCommitted;

    protected override Task CorruptRecordAsync(string persistenceId, long sequenceNr)
    {
        SqliteFiles.FlipPayloadByte(directory.Combine("journal.db"), "journal", persistenceId, sequenceNr);
        return Task.CompletedTask;
    }

    protected override Task CorruptSnapshotAsync(string persistenceId, long sequenceNr)
    {
        SqliteFiles.FlipPayloadByte(directory.Combine("snapshots.db"), "snapshot", persistenceId, sequenceNr);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}

/// <summary>Damages SQLite store files behind their stores' backs.</summary>
internal static class SqliteFiles
{
    /// <summary>Flips one bit in the middle of a row's payload through a connection of its own.</summary>
    public static void FlipPayloadByte(string path, string table, string persistenceId, long sequenceNr)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT payload FROM {table} WHERE persistence_id = $id AND sequence_nr = $nr;";
        read.Parameters.AddWithValue("$id", persistenceId);
        read.Parameters.AddWithValue("$nr", sequenceNr);
        var payload = (byte[])read.ExecuteScalar()!;
        payload[payload.Length / 2] ^= 0x10;
        using var write = connection.CreateCommand();
        write.CommandText = $"UPDATE {table} SET payload = $payload WHERE persistence_id = $id AND sequence_nr = $nr;";
        write.Parameters.AddWithValue("$payload", payload);
        write.Parameters.AddWithValue("$id", persistenceId);
        write.Parameters.AddWithValue("$nr", sequenceNr);
        Assert.Equal(1, write.ExecuteNonQuery());
    }
}
