using Microsoft.Data.Sqlite;

namespace ZabActors.Persistence.Sqlite;

/// <summary>Turns SQLite result codes into causes an operator can act on.</summary>
internal static class SqliteErrors
{
    public static string Describe(SqliteException error)
    {
        // Extended result codes carry the primary code in their low byte.
        var cause = (error.SqliteErrorCode & 0xFF) switch
        {
            3 => "permission denied",
            8 => "the database is read-only (check the file's permissions)",
            10 => "disk I/O error",
            11 => "the database file is malformed",
            13 => "the disk is full",
            14 => "the file cannot be opened (missing directory or permission denied)",
            23 => "access denied",
            26 => "the file is not a SQLite database",
            5 or 6 => "the database is locked by another process",
            _ => null,
        };
        return cause is null ? error.Message : $"{cause} ({error.Message})";
    }
}
