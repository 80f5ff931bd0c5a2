using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;

namespace ZabActors.Journal.Tests;

/// <summary>The store suite on a SQLite file in a fresh temp directory.</summary>
public sealed class SqliteTxnLogSpec : TxnLogSpec
{
    private readonly TempDirectory directory;

    public SqliteTxnLogSpec(ITestOutputHelper output) : this(new TempDirectory(), output)
    {
    }

    private SqliteTxnLogSpec(TempDirectory directory, ITestOutputHelper output)
        : base(ZabJournalConfig.Sqlite(directory.File("journal.db")), output)
    {
        this.directory = directory;
        DatabasePath = directory.File("journal.db");
    }

    private string DatabasePath { get; }

    protected override void AfterAll()
    {
        base.AfterAll();
        directory.Dispose();
    }
}
