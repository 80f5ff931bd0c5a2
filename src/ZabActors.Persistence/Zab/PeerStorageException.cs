namespace ZabActors.Persistence.Zab;

/// <summary>
/// A storage operation of a ZAB peer failed (the journal failed or timed out, a record is
/// corrupt, the journal rejected a write). The message names the persistence id; the inner
/// exception is the store's own report.
/// </summary>
public class PeerStorageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A peer's storage cannot be opened: the store cannot be reached or has the wrong schema, or the
/// stored history is corrupt. Raised before the peer joins, never with a partial history.
/// </summary>
public sealed class PeerStorageOpenException(string persistenceIdPrefix, string cause, Exception? inner = null)
    : PeerStorageException($"Cannot open the storage of peer '{persistenceIdPrefix}': {cause}", inner)
{
    public string PersistenceIdPrefix { get; } = persistenceIdPrefix;
}
