using Akka.Actor;
using LinqToDB;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;
using ZabActors.Zab;
using static ZabActors.Journal.Tests.Support.Txns;

namespace ZabActors.Journal.Tests;

/// <summary>The store suite on a SQLite file in a fresh temp directory, plus what only a file can show.</summary>
public sealed class SqliteTxnLogSpec : TxnLogSpec
{
    private readonly TempDirectory directory;

    public SqliteTxnLogSpec(ITestOutputHelper output) : this(new TempDirectory(), output)
    {
    }

    private SqliteTxnLogSpec(TempDirectory directory, ITestOutputHelper output)
        : base(ZabJournalConfig.Sqlite(directory.File("journal.db")), output)
    {
        this.directory = directory;
        DatabasePath = directory.File("journal.db");
    }

    private string DatabasePath { get; }

    [Fact]
    public void The_file_runs_in_wal_with_synchronous_full_on_the_plugins_own_connections()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 2));
        StopAndWait(log);

        // Opened as Akka.Persistence.Sql opens it: a linq2db DataConnection with the configured provider and string.
        var connectionString = Sys.Settings.Config.GetString($"{ZabJournalConfig.JournalPath}.connection-string");
        var provider = Sys.Settings.Config.GetString($"{ZabJournalConfig.JournalPath}.provider-name");
        using (var connection = new DataConnection(new DataOptions().UseConnectionString(provider, connectionString)))
        {
            Assert.Equal("wal", connection.Execute<string>("PRAGMA journal_mode"));
            Assert.Equal(2L, connection.Execute<long>("PRAGMA synchronous")); // 2 = FULL
            Output?.WriteLine($"sqlite {provider}: journal_mode=wal synchronous=FULL ({connectionString})");
        }
        var header = new byte[20];
        using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            file.ReadExactly(header);
        }
        // Bytes 18 and 19 of the database header are the write and read format versions: 2 means WAL.
        Assert.Equal((2, 2), (header[18], header[19]));
    }

    [Fact]
    public async Task Recovery_after_restarting_the_actor_system_reads_the_same_file()
    {
        var first = ActorSystem.Create("first", Sys.Settings.Config);
        var log = Start(system: first);
        Call<EpochsDurable>(log, new SaveEpochs(3, 2), first);
        Call<LogDurable>(log, Append(1, 4), first);
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(2)), first);
        Call<LogDurable>(log, Append(5, 6), first);
        await first.Terminate();

        var disk = Recover();
        Assert.Equal((3L, 2L, Z(6)), (disk.AcceptedEpoch, disk.CurrentEpoch, disk.LastLoggedZxid));
        Assert.Equal(Snap(2), disk.Snapshot);
        Assert.Equal([Z(3), Z(4), Z(5), Z(6)], Zxids(disk));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("torn")]
    public void A_corrupt_journal_record_fails_recovery_naming_journal_persistence_id_and_sequence_nr(string damage)
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 3));
        StopAndWait(log);
        DamageJournalRow(PersistenceId(), sequenceNr: 2, damage);

        var listener = CreateTestProbe();
        Start(listener: listener.Ref);
        var failed = listener.ExpectMsg<TxnLogProtocol.RecoveryFailed>(StoreTimeout);
        Output?.WriteLine(failed.Reason);
        Assert.DoesNotContain('\n', failed.Reason);
        Assert.Contains($"akka.persistence.journal.sql: persistence id {PersistenceId()}, sequence nr 2: corrupt record", failed.Reason);
    }

    [Fact]
    public void A_corrupt_snapshot_fails_recovery_naming_the_snapshot_store_and_persistence_id()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 3));
        Call<TxnLogProtocol.SnapshotSaved>(log, new TxnLogProtocol.SaveSnapshot(Snap(2)));
        StopAndWait(log);
        Execute("UPDATE snapshot SET snapshot = CAST(substr(snapshot, 1, length(snapshot) - 3) AS BLOB) WHERE persistence_id = $id", PersistenceId());

        var listener = CreateTestProbe();
        Start(listener: listener.Ref);
        var failed = listener.ExpectMsg<TxnLogProtocol.RecoveryFailed>(StoreTimeout);
        Output?.WriteLine(failed.Reason);
        Assert.Contains($"akka.persistence.snapshot-store.sql: persistence id {PersistenceId()}, newest snapshot: corrupt record", failed.Reason);
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        directory.Dispose();
    }

    /// <summary>Flips one payload byte ("flip") or cuts the record short ("torn") in the journal table.</summary>
    private void DamageJournalRow(string persistenceId, long sequenceNr, string damage)
    {
        using var connection = new SqliteConnection(ZabJournalConfig.SqliteConnectionString(DatabasePath));
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT message FROM journal WHERE persistence_id = $id AND sequence_number = $nr";
        read.Parameters.AddWithValue("$id", persistenceId);
        read.Parameters.AddWithValue("$nr", sequenceNr);
        var message = (byte[])read.ExecuteScalar()!;
        if (damage == "flip")
        {
            message[4] ^= 0x5A;
        }
        else
        {
            message = message[..^2];
        }
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE journal SET message = $message WHERE persistence_id = $id AND sequence_number = $nr";
        write.Parameters.AddWithValue("$id", persistenceId);
        write.Parameters.AddWithValue("$nr", sequenceNr);
        write.Parameters.AddWithValue("$message", message);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    private int Execute(string sql, string persistenceId)
    {
        using var connection = new SqliteConnection(ZabJournalConfig.SqliteConnectionString(DatabasePath));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", persistenceId);
        return command.ExecuteNonQuery();
    }
}
