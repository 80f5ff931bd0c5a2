using ZabActors.Persistence.Journal;

namespace ZabActors.Persistence.Zab;

/// <summary>Names where a journal keeps its records, for corruption reports raised above the plugin.</summary>
internal static class JournalLocation
{
    public static string Describe(IAsyncWriteJournal journal)
    {
        if (journal is MemoryJournal)
            return MemoryJournalStorage.Location;
        // The durable plugins name their file or table in a public property; this module does not
        // reference them, so it looks the property up by name.
        foreach (var name in new[] { "DatabasePath", "TableName", "Location" })
        {
            if (journal.GetType().GetProperty(name)?.GetValue(journal) is string { Length: > 0 } location)
                return location;
        }
        return journal.GetType().Name;
    }
}
