using ZabActors.Hocon;
using ZabActors.Persistence.Zab;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>
/// A peer's <see cref="JournalPeerStorage"/> (SQLite files in a directory of its own) seen through the
/// Quorum layer's <see cref="IPeerStorage"/> seam, with the purge hooks wired to the journal's
/// <c>PurgeBefore</c> / <c>DeleteBefore</c>. A crash abandons it without closing it: <see cref="Reopen"/>
/// opens the same files again, so the new incarnation sees exactly what the journal made durable.
/// </summary>
internal sealed class JournalStorage : IPeerStorage
{
    private JournalStorage(string directory, JournalPeerStorage journal)
    {
        Directory = directory;
        Journal = journal;
        Log = new LogView(journal.Log);
        Snapshots = new SnapshotView(journal.Snapshots);
    }

    public string Directory { get; }

    public JournalPeerStorage Journal { get; }

    public ITxnLog Log { get; }

    public IEpochStore Epochs => Journal.Epochs;

    public ISnapshotStore Snapshots { get; }

    /// <summary>Opens (and verifies) the SQLite journal and snapshot store in <paramref name="directory"/>.</summary>
    public static JournalStorage OpenSqlite(string directory) =>
        new(directory, JournalPeerStorage.Open(ConfigurationFactory.Empty, directory, "zab-server"));

    /// <summary>A crash: this instance is abandoned as it is (no flush, no close) and the files are opened anew.</summary>
    public JournalStorage Reopen() => OpenSqlite(Directory);

    private sealed class LogView(JournalTxnLog log) : ITxnLog, IPurgeableTxnLog
    {
        public Zxid LastZxid => log.LastZxid;

        public void Append(Txn txn) => log.Append(txn);

        public void Flush() => log.Flush();

        public void TruncateAfter(Zxid zxid) => log.TruncateAfter(zxid);

        public IEnumerable<Txn> ReadAfter(Zxid zxid) => log.ReadAfter(zxid);

        public void PurgeBefore(Zxid zxid) => log.PurgeBefore(zxid);
    }

    private sealed class SnapshotView(JournalSnapshotStore snapshots) : ISnapshotStore, IPurgeableSnapshotStore
    {
        public void Save(Snapshot snapshot) => snapshots.Save(snapshot);

        public Snapshot? LoadLatest() => snapshots.LoadLatest();

        public void DeleteBefore(Zxid zxid) => snapshots.DeleteBefore(zxid);
    }
}
