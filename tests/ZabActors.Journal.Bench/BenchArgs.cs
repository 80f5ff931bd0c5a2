using Akka.Configuration;

namespace ZabActors.Journal.Bench;

/// <summary>The command line of both commands: which store, and how many transactions per batch size.</summary>
public sealed record BenchArgs(string? SqlitePath, string? PostgresConnectionString, int Txns)
{
    public static BenchArgs Parse(string[] args)
    {
        string? sqlite = null;
        string? postgres = null;
        var txns = 2000;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sqlite":
                    sqlite = args[i + 1];
                    break;
                case "--postgres":
                    postgres = args[i + 1];
                    break;
                case "--txns":
                    txns = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if ((sqlite is null) == (postgres is null))
        {
            throw new ArgumentException("give exactly one of --sqlite PATH and --postgres CONNECTION-STRING");
        }
        return new BenchArgs(sqlite, postgres, txns);
    }

    public string StoreName => SqlitePath is not null ? "sqlite" : "postgresql";

    public Config StoreConfig() =>
        (SqlitePath is not null ? ZabJournalConfig.Sqlite(SqlitePath) : ZabJournalConfig.PostgreSql(PostgresConnectionString!))
            .WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
}
