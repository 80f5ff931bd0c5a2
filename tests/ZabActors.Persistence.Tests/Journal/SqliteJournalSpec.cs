using Microsoft.Data.Sqlite;
using ZabActors.Persistence.Journal;
using ZabActors.Persistence.Sqlite;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Journal;

/// <summary>Runs the journal conformance suite against <see cref="SqliteJournal"/> on a real file.</summary>
public sealed class SqliteJournalSpec : JournalSpec
{
    private readonly TempDirectory directory = new();
    private SqliteJournal? current;

    protected override string ExpectedCorruptionLocation => directory.Combine("journal.db");

    protected override GroupCommitStatistics? Statistics => current?.Statistics;

    protected override Task<IAsyncWriteJournal> OpenJournalAsync()
    {
        current = new SqliteJournal(new SqliteJournalSettings(directory.Path));
        return Task.FromResult<IAsyncWriteJournal>(current);
    }

    protected override Task CorruptRecordAsync(string persistenceId, long sequenceNr)
    {
        using var connection = new SqliteConnection($"Data Source={ExpectedCorruptionLocation};Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT payload FROM journal WHERE persistence_id = $id AND sequence_nr = $nr;";
        read.Parameters.AddWithValue("$id", persistenceId);
        read.Parameters.AddWithValue("$nr", sequenceNr);
        var payload = (byte[])read.ExecuteScalar()!;
        payload[0] ^= 0x01;
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE journal SET payload = $payload WHERE persistence_id = $id AND sequence_nr = $nr;";
        write.Parameters.AddWithValue("$payload", payload);
        write.Parameters.AddWithValue("$id", persistenceId);
        write.Parameters.AddWithValue("$nr", sequenceNr);
        Assert.Equal(1, write.ExecuteNonQuery());
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        directory.Dispose();
    }
}
