using Akka.Configuration;
using LinqToDB;
using LinqToDB.Data;
using Xunit.Abstractions;
using ZabActors.Journal.Tests.Support;
using ZabActors.Zab;
using static ZabActors.Journal.Tests.Support.Txns;

namespace ZabActors.Journal.Tests;

/// <summary>The store suite on the PostgreSQL server of ZAB_TEST_PG; skipped with its reason when unset.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlTxnLogSpec(ITestOutputHelper output) : TxnLogSpec(StoreConfig(), output)
{
    [StoreFact]
    public void The_plugins_connections_commit_synchronously()
    {
        var log = Start();
        Call<LogDurable>(log, Append(1, 1));
        StopAndWait(log);

        // Opened as Akka.Persistence.Sql opens it: a linq2db DataConnection with the configured provider and string.
        var connectionString = Sys.Settings.Config.GetString($"{ZabJournalConfig.JournalPath}.connection-string");
        var provider = Sys.Settings.Config.GetString($"{ZabJournalConfig.JournalPath}.provider-name");
        using var connection = new DataConnection(new DataOptions().UseConnectionString(provider, connectionString));
        Assert.Equal("on", connection.Execute<string>("SHOW synchronous_commit"));
        Assert.Equal("on", connection.Execute<string>("SHOW fsync"));
        Output?.WriteLine($"postgresql {provider}: synchronous_commit=on fsync=on");
    }

    /// <summary>Only built when the tests run: with ZAB_TEST_PG, or under CI=true, where a missing server fails them.</summary>
    private static Config StoreConfig() => ZabJournalConfig.PostgreSql(PostgreSqlEnvironment.RequireConnectionString());
}
