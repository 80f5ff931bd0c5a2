using System.Text;

namespace ZabActors.Zab.Tests;

/// <summary>Runs election scenario commands against an <see cref="ElectionNet"/>.</summary>
internal sealed class ElectionScenario
{
    private ElectionNet? net;
    private readonly HashSet<long> reported = [];

    public string Run(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var options = ScenarioScript.Options(words);
        switch (words[0])
        {
            case "peers":
                net = ElectionNet.Majority(int.Parse(words[1]), ScenarioScript.Ids(options.GetValueOrDefault("observers", "")));
                return "ok";
            case "start":
                var sid = long.Parse(words[1]);
                reported.Remove(sid);
                net!.Start(sid, ScenarioScript.ParseZxid(options["zxid"]), long.Parse(options.GetValueOrDefault("epoch", "1")));
                return Decisions();
            case "advance":
                net!.Advance(long.Parse(words[1]));
                return Decisions();
            case "stop":
                net!.Stop(long.Parse(words[1]));
                return "ok";
            case "partition":
                net!.Partition(ScenarioScript.Ids(words[1]));
                return "ok";
            case "status":
                return Status();
            default:
                throw new FormatException($"unknown election command '{words[0]}'");
        }
    }

    private string Decisions()
    {
        var text = new StringBuilder();
        foreach (var (sid, decided) in net!.Decisions.OrderBy(pair => pair.Key).Where(pair => !reported.Contains(pair.Key)))
        {
            reported.Add(sid);
            text.Append($"{sid} {decided.State.ToString().ToUpperInvariant()} leader={decided.Leader} round={decided.Vote.ElectionEpoch}\n");
        }
        return text.Length == 0 ? "no decision" : text.ToString();
    }

    private string Status()
    {
        var text = new StringBuilder();
        foreach (var (sid, peer) in net!.Peers.OrderBy(pair => pair.Key))
        {
            var state = peer.State.ToString().ToUpperInvariant();
            if (peer.State == ServerState.Looking)
            {
                var vote = peer.Proposal;
                var leader = vote.Leader == long.MinValue ? "none" : vote.Leader.ToString();
                text.Append($"{sid} {state} round={peer.LogicalClock} vote={leader}@{ScenarioScript.Show(vote.Zxid)} backoff={peer.NotificationIntervalMs}ms\n");
            }
            else
            {
                text.Append($"{sid} {state} round={peer.LogicalClock} leader={peer.CurrentVote!.Leader}\n");
            }
        }
        return text.ToString();
    }
}
