using System.Text;

namespace ZabActors.Zab.Tests;

/// <summary>Runs ensemble scenario commands against an <see cref="Ensemble"/> (a leader's machines and its learners).</summary>
internal sealed class EnsembleScenario
{
    private readonly Dictionary<long, MemoryDisk> disks = [];
    private QuorumMaj? verifier;
    private long leaderId;
    private Ensemble? ensemble;
    private int reportedEvents;

    public string Run(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var options = ScenarioScript.Options(words);
        switch (words[0])
        {
            case "voters":
                verifier = new QuorumMaj(ScenarioScript.Ids(words[1]), ScenarioScript.Ids(options.GetValueOrDefault("observers", "")));
                leaderId = long.Parse(options["leader"]);
                foreach (var sid in verifier.VotingMembers.Concat(verifier.ObservingMembers))
                {
                    disks[sid] = new MemoryDisk();
                }
                return "ok";
            case "disk":
                disks[long.Parse(words[1])] = Disk(options);
                return "ok";
            case "start":
                ensemble = new Ensemble(leaderId, verifier!, disks);
                ensemble.Start();
                return NewEvents();
            case "propose":
                ensemble!.Propose(words[1]);
                return NewEvents();
            case "write":
                ensemble!.ClientWrite(long.Parse(words[1]), words[2]);
                return NewEvents();
            case "tick":
                for (var i = 0; i < int.Parse(words[1]); i++)
                {
                    ensemble!.TickAll();
                }
                return NewEvents();
            case "crash":
                ensemble!.Crashed.Add(long.Parse(words[1]));
                return "ok";
            case "status":
                return Status();
            default:
                throw new FormatException($"unknown ensemble command '{words[0]}'");
        }
    }

    private static MemoryDisk Disk(Dictionary<string, string> options)
    {
        var log = ScenarioLog(options.GetValueOrDefault("log", ""));
        return MemoryDisk.With(long.Parse(options["epoch"]), log, int.Parse(options.GetValueOrDefault("applied", log.Count.ToString())));
    }

    private static List<Txn> ScenarioLog(string list) => list.Length == 0
        ? []
        : list.Split(',').Select(ScenarioScript.ParseZxid).Select(z => new Txn(z, Bytes.FromUtf8(ScenarioScript.Show(z)))).ToList();

    private string NewEvents()
    {
        var text = new StringBuilder();
        foreach (var evt in ensemble!.Events.Skip(reportedEvents))
        {
            var line = evt switch
            {
                LeaderEstablished e => $"leader {leaderId} established epoch {e.Epoch}",
                LeadershipEnded e => $"leader {leaderId} ended: {e.Reason}",
                LearnerSessionEnded e => $"learner {e.Sid} session ended: {e.Reason}",
                LeaderLost e => $"a learner lost its leader: {e.Reason}",
                LearnerUpToDate e => null,
                ProposalRejected e => $"rejected {e.Data.ToUtf8()}: {e.Reason}",
                ProtocolViolation e => $"violation from {e.From}: {e.What}",
                _ => null,
            };
            if (line is not null)
            {
                text.Append(line).Append('\n');
            }
        }
        reportedEvents = ensemble.Events.Count;
        return text.Length == 0 ? "ok" : text.ToString();
    }

    private string Status()
    {
        var text = new StringBuilder();
        foreach (var (sid, disk) in disks.OrderBy(pair => pair.Key))
        {
            var role = sid == leaderId ? "LEADER"
                : $"{(verifier!.IsVoter(sid) ? "FOLLOWER" : "OBSERVER")} sync={ensemble!.Syncs[sid].SyncKind?.ToString().ToUpperInvariant() ?? "none"}";
            var log = string.Join(",", disk.Log.Select(t => ScenarioScript.Show(t.Zxid)));
            var applied = string.Join(",", disk.Applied.Select(t => $"{ScenarioScript.Show(t.Zxid)}:{t.Data.ToUtf8()}"));
            text.Append($"{sid} {role} epochs={disk.AcceptedEpoch}/{disk.CurrentEpoch} log=[{log}] applied=[{applied}]\n");
        }
        return text.ToString();
    }
}
