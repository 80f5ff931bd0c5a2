using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// Keeps a few idle read connections of one store file; WAL lets them read while the writer
/// commits. Concurrent reads beyond the idle bound open extra connections that are closed after use.
/// </summary>
internal sealed class SqliteReaderPool(string path, string store, TimeSpan busyTimeout, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<SqliteConnection> idle = [];
    private int idleCount;
    private volatile bool disposed;

    public SqliteConnection Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref idleCount);
            return connection;
        }
        return SqliteStoreFile.Open(path, store, busyTimeout);
    }

    public void Return(SqliteConnection connection)
    {
        if (!disposed && Interlocked.Increment(ref idleCount) <= maxIdle)
        {
            idle.Add(connection);
            if (disposed)
                DisposeIdle();
            return;
        }
        Interlocked.Decrement(ref idleCount);
        connection.Dispose();
    }

    public void Dispose()
    {
        disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (idle.TryTake(out var connection))
            connection.Dispose();
    }
}
