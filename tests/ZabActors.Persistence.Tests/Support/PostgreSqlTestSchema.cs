using Npgsql;

namespace ZabActors.Persistence.Tests.Support;

/// <summary>
/// A schema of its own for one test on the shared test database, dropped afterwards, so tests
/// never see each other's rows and need no cleanup between runs.
/// </summary>
public sealed class PostgreSqlTestSchema : IAsyncDisposable
{
    private static int counter;

    public PostgreSqlTestSchema()
    {
        ConnectionString = PostgreSqlEnvironment.RequireConnectionString();
        Name = $"zab_test_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}_{Random.Shared.Next(1_000_000):D6}";
    }

    public string ConnectionString { get; }

    public string Name { get; }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Damages one stored record so its checksum no longer matches: XORs <paramref name="mask"/> into the
    /// payload byte at <paramref name="byteIndex"/> (an SQL expression, so it may depend on the payload).
    /// </summary>
    public Task FlipPayloadBitsAsync(string table, string persistenceId, long sequenceNr, string byteIndex = "0", int mask = 1) =>
        ExecuteAsync(
            $"UPDATE \"{Name}\".{table} SET payload = set_byte(payload, {byteIndex}, get_byte(payload, {byteIndex}) # {mask}) " +
            "WHERE persistence_id = @id AND sequence_nr = @nr;",
            ("id", persistenceId), ("nr", sequenceNr));

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE;");
}
