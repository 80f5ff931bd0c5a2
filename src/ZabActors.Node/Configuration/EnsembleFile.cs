using ZabActors.Hocon;
using ZabActors.Node.Configuration;
using ZabActors.Quorum;
using ZabActors.Zab;

namespace ZabActors.Node.Configuration;

/// <summary>
/// What the command-line tools need from a node's configuration file: the ensemble's servers and
/// the remoting settings (cookie, limits). Unlike a server, a tool needs no <c>zab.myid</c>, so any
/// node's file of the ensemble will do.
/// </summary>
public sealed record EnsembleFile(Config Config, EnsembleDirectory Directory)
{
    /// <summary>Loads <paramref name="file"/> over the reference; a bad file throws <see cref="ConfigException"/>.</summary>
    public static EnsembleFile Load(string file)
    {
        var config = NodeConfigValidator.Load(file);
        if (!config.HasPath("zab.ensemble.servers"))
            throw new ConfigException($"{file} has no zab.ensemble.servers");
        var servers = config.GetConfigList("zab.ensemble.servers").Select(ReadServer).ToList();
        if (servers.Count == 0)
            throw new ConfigException($"zab.ensemble.servers of {file} is empty");
        var duplicate = servers.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ConfigException($"server id {duplicate.Key} appears twice in zab.ensemble.servers");
        return new EnsembleFile(config, new EnsembleDirectory(servers));
    }

    private static QuorumServer ReadServer(Config server, int index)
    {
        var role = server.GetString("role", "participant").ToLowerInvariant() switch
        {
            "participant" => LearnerType.Participant,
            "observer" => LearnerType.Observer,
            var other => throw new ConfigException($"zab.ensemble.servers[{index}].role must be participant or observer, not '{other}'"),
        };
        var port = server.GetInt("port");
        if (port is < 1 or > 65535)
            throw new ConfigException($"zab.ensemble.servers[{index}].port {port} is not a TCP port");
        return new QuorumServer(server.GetLong("id"), server.GetString("host"), port, role, server.GetLong("weight", 1));
    }
}
