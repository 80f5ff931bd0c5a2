namespace ZabActors.Persistence.Journal;

/// <summary>
/// What the callers of a crashed <see cref="MemoryJournal"/> see: their operation was never
/// acknowledged and may or may not have reached the storage.
/// </summary>
public sealed class SimulatedCrashException() : Exception("The journal crashed (simulated); the operation was not acknowledged");
