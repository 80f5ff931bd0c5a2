using Npgsql;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>
/// Creates a store's tables on first start and checks the schema version on every start. Nodes
/// that share a database may start together, so creation runs under a transaction-scoped
/// advisory lock instead of racing on <c>CREATE TABLE IF NOT EXISTS</c>.
/// </summary>
internal static class PostgreSqlSchema
{
    public const int Version = 1;

    // An arbitrary constant that names "ZabActors schema creation" among advisory locks.
    private const long CreationLockKey = 0x5A41_4253_4348_454D;

    public static void Ensure(NpgsqlDataSource dataSource, string schema, string kind, string createSql, string store, string location)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({CreationLockKey});");
            Execute(connection, transaction, $"""
                CREATE SCHEMA IF NOT EXISTS "{schema}";
                CREATE TABLE IF NOT EXISTS {PostgreSqlConnections.Table(schema, "zab_schema_version")} (
                    store text PRIMARY KEY,
                    version integer NOT NULL);
                """);
            var found = ReadVersion(connection, transaction, schema, kind);
            if (found is null)
            {
                Execute(connection, transaction, createSql);
                using var insert = new NpgsqlCommand(
                    $"INSERT INTO {PostgreSqlConnections.Table(schema, "zab_schema_version")} (store, version) VALUES (@store, @version);",
                    connection, transaction);
                insert.Parameters.AddWithValue("store", kind);
                insert.Parameters.AddWithValue("version", Version);
                insert.ExecuteNonQuery();
            }
            else if (found != Version)
            {
                throw new StoreOpenException(store, location,
                    $"schema version {found} found for the {kind}, this build reads schema version {Version}");
            }
            transaction.Commit();
        }
        catch (NpgsqlException e)
        {
            throw new StoreOpenException(store, location, e.Message, e);
        }
    }

    private static int? ReadVersion(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, string kind)
    {
        using var command = new NpgsqlCommand(
            $"SELECT version FROM {PostgreSqlConnections.Table(schema, "zab_schema_version")} WHERE store = @store;",
            connection, transaction);
        command.Parameters.AddWithValue("store", kind);
        return command.ExecuteScalar() is int version ? version : null;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }
}
