using Microsoft.Data.Sqlite;
using ZabActors.Persistence.Snapshot;
using ZabActors.Persistence.Sqlite;
using ZabActors.Persistence.Tests.Support;

namespace ZabActors.Persistence.Tests.Snapshot;

/// <summary>Runs the snapshot conformance suite against <see cref="SqliteSnapshotStore"/> on a real file.</summary>
public sealed class SqliteSnapshotStoreSpec : SnapshotStoreSpec
{
    private readonly TempDirectory directory = new();

    protected override string ExpectedCorruptionLocation => directory.Combine("snapshots.db");

    protected override Task<ISnapshotStore> OpenStoreAsync() =>
        Task.FromResult<ISnapshotStore>(new SqliteSnapshotStore(new SqliteSnapshotStoreSettings(directory.Path)));

    protected override Task CorruptSnapshotAsync(string persistenceId, long sequenceNr)
    {
        using var connection = new SqliteConnection($"Data Source={ExpectedCorruptionLocation};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE snapshot SET checksum = (checksum | 1) - (checksum & 1) WHERE persistence_id = $id AND sequence_nr = $nr;";
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$nr", sequenceNr);
        Assert.Equal(1, command.ExecuteNonQuery());
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        directory.Dispose();
    }
}
