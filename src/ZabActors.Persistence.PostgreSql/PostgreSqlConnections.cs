using System.Text.RegularExpressions;
using Npgsql;

namespace ZabActors.Persistence.PostgreSql;

/// <summary>
/// Builds the data source every PostgreSQL store uses: it forces <c>synchronous_commit=on</c> so
/// a commit returns only once its WAL is flushed, and names the server without the password.
/// </summary>
internal static partial class PostgreSqlConnections
{
    public static NpgsqlDataSource CreateDataSource(string connectionString, string schema, string store, TimeSpan commandTimeout,
        out string location)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new StoreOpenException(store, "(no connection string)", "connection-string is empty");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StoreOpenException(store, "(connection string)", $"invalid connection string: {e.Message}", e);
        }
        location = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database} schema {schema}";
        if (!IdentifierPattern().IsMatch(schema))
            throw new StoreOpenException(store, location,
                $"schema '{schema}' is not a plain identifier (letters, digits and '_', not starting with a digit)");
        builder.Options = string.IsNullOrEmpty(builder.Options)
            ? "-c synchronous_commit=on"
            : builder.Options + " -c synchronous_commit=on";
        builder.CommandTimeout = Math.Max(1, (int)commandTimeout.TotalSeconds);
        return NpgsqlDataSource.Create(builder);
    }

    /// <summary>A schema-qualified, quoted table name.</summary>
    public static string Table(string schema, string table) => $"\"{schema}\".{table}";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex IdentifierPattern();
}
