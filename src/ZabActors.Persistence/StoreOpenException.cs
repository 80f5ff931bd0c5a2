namespace ZabActors.Persistence;

/// <summary>
/// Raised when a journal or snapshot store cannot be opened (permissions, disk full, not a
/// database, wrong schema version, unreachable server); the message names the store and the cause.
/// </summary>
public sealed class StoreOpenException : Exception
{
    public StoreOpenException(string store, string location, string cause, Exception? inner = null)
        : base($"Cannot open {store} at {location}: {cause}", inner)
    {
        Store = store;
        Location = location;
    }

    /// <summary>What failed to open, e.g. "SQLite journal".</summary>
    public string Store { get; }

    /// <summary>The file path or the connection (without password).</summary>
    public string Location { get; }
}
