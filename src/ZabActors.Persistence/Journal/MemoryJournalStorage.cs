namespace ZabActors.Persistence.Journal;

/// <summary>
/// The "disk" of a <see cref="MemoryJournal"/>: the durable records and per-id markers that
/// outlive a simulated crash. A restarted node opens a new MemoryJournal on the same storage.
/// </summary>
/// <remarks>
/// Every record is stored with its checksum, as on a real disk, so tests and the simulation can
/// damage a record (<see cref="CorruptPayload"/>) and watch recovery refuse it.
/// </remarks>
public sealed class MemoryJournalStorage
{
    internal const string Location = "memory journal storage";

    private readonly Dictionary<string, IdLog> logs = new(StringComparer.Ordinal);

    internal object Gate { get; } = new();

    /// <summary>Durable records across all ids.</summary>
    public int RecordCount
    {
        get
        {
            lock (Gate)
                return logs.Values.Sum(l => l.Records.Count);
        }
    }

    /// <summary>Flips one bit of a stored payload (or of its checksum when the payload is empty).</summary>
    public void CorruptPayload(string persistenceId, long sequenceNr)
    {
        lock (Gate)
        {
            var log = logs.GetValueOrDefault(persistenceId)
                ?? throw new ArgumentException($"No records for persistence id '{persistenceId}'.", nameof(persistenceId));
            var index = log.IndexOf(sequenceNr);
            if (index < 0)
                throw new ArgumentOutOfRangeException(nameof(sequenceNr), sequenceNr, $"No record {sequenceNr} for '{persistenceId}'.");
            var stored = log.Records[index];
            if (stored.Record.Payload.Length == 0)
            {
                log.Records[index] = stored with { Checksum = stored.Checksum ^ 1 };
                return;
            }
            var damaged = (byte[])stored.Record.Payload.Clone();
            damaged[damaged.Length / 2] ^= 0x10;
            var record = new Persistent(stored.Record.PersistenceId, stored.Record.SequenceNr, stored.Record.Manifest,
                damaged, stored.Record.WriterGuid);
            log.Records[index] = stored with { Record = record };
        }
    }

    internal IdLog? Find(string persistenceId) => logs.GetValueOrDefault(persistenceId);

    internal IdLog GetOrAdd(string persistenceId)
    {
        if (!logs.TryGetValue(persistenceId, out var log))
        {
            log = new IdLog();
            logs.Add(persistenceId, log);
        }
        return log;
    }

    /// <summary>A record as stored: the bytes plus the checksum computed when it was written.</summary>
    internal sealed record StoredRecord(Persistent Record, uint Checksum);

    /// <summary>
    /// One id's log: contiguous records, plus the highest nr ever written so that deleting every
    /// record does not restart the sequence.
    /// </summary>
    internal sealed class IdLog
    {
        public List<StoredRecord> Records { get; } = [];

        public long HighestSequenceNr { get; set; }

        public int IndexOf(long sequenceNr)
        {
            if (Records.Count == 0)
                return -1;
            var index = sequenceNr - Records[0].Record.SequenceNr;
            return index < 0 || index >= Records.Count ? -1 : (int)index;
        }

        public void Append(AtomicWrite write)
        {
            foreach (var record in write.Payload)
                Records.Add(new StoredRecord(record, RecordChecksum.Of(record)));
            HighestSequenceNr = write.HighestSequenceNr;
        }

        public void DeleteTo(long toSequenceNr)
        {
            var count = Records.FindIndex(r => r.Record.SequenceNr > toSequenceNr);
            Records.RemoveRange(0, count < 0 ? Records.Count : count);
        }

        public void TruncateAfter(long sequenceNr)
        {
            var keep = Records.FindIndex(r => r.Record.SequenceNr > sequenceNr);
            if (keep >= 0)
                Records.RemoveRange(keep, Records.Count - keep);
            HighestSequenceNr = Math.Min(HighestSequenceNr, sequenceNr);
        }
    }
}
