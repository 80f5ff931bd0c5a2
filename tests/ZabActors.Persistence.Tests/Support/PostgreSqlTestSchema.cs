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

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE;");
}
