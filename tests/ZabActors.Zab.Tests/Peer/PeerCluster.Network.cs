namespace ZabActors.Zab.Tests.Peer;

// The in-memory network: election datagrams on a FIFO channel per (from, to), and links as two FIFO
// channels (one per direction); closing or cutting a link tells both ends, after the packets before it.
internal sealed partial class PeerCluster
{
    private readonly Dictionary<long, NetLink> links = [];
    private readonly Dictionary<(long Sid, long Id), long> outgoing = [];
    private readonly HashSet<long> isolated = [];
    private long nextLinkId;

    private sealed class NetLink(long id, long learnerSid, Link learnerLink, long leaderSid)
    {
        public long Id { get; } = id;

        public long LearnerSid { get; } = learnerSid;

        public Link LearnerLink { get; } = learnerLink;

        public long LeaderSid { get; } = leaderSid;

        public Link LeaderLink => new(Id, Outgoing: false);

        public bool Open { get; set; } = true;
    }

    /// <summary>The share of election datagrams the network loses (0 to 1), drawn from the cluster's seed.</summary>
    public double DatagramLoss { get; set; }

    /// <summary>The share of link packets whose loss breaks their link (both ends see it closed, as TCP).</summary>
    public double LinkBreakage { get; set; }

    /// <summary>Cuts <paramref name="sid"/> off: its links close and its datagrams are lost until <see cref="Heal"/>.</summary>
    public void Isolate(long sid)
    {
        isolated.Add(sid);
        CutLinks(link => link.LearnerSid == sid || link.LeaderSid == sid, $"server {sid} partitioned");
    }

    public void Heal(long sid) => isolated.Remove(sid);

    /// <summary>The leader's end of the open link of <paramref name="learnerSid"/>.</summary>
    public Link LeaderSideLinkOf(long learnerSid) => links.Values.Single(link => link.Open && link.LearnerSid == learnerSid).LeaderLink;

    private bool Reachable(long a, long b) => !isolated.Contains(a) && !isolated.Contains(b) && Nodes[a].IsUp && Nodes[b].IsUp;

    private void SendNotification(long from, SendNotification message)
    {
        if (Reachable(from, message.To) && random.NextDouble() >= DatagramLoss)
        {
            Enqueue($"n-{from}-{message.To}", message.To, new NotificationReceived(from, message.Notification));
        }
    }

    private void OpenLink(long learnerSid, OpenLink message)
    {
        var link = new NetLink(++nextLinkId, learnerSid, message.Link, message.LeaderSid);
        links[link.Id] = link;
        outgoing[(learnerSid, message.Link.Id)] = link.Id;
        if (Reachable(learnerSid, message.LeaderSid))
        {
            Enqueue(ToLeader(link), link.LeaderSid, new LinkOpened(link.LeaderLink, learnerSid));
        }
        else
        {
            Close(link, $"server {message.LeaderSid} unreachable");
        }
    }

    private void SendPacket(long from, SendPacket message)
    {
        if (Find(from, message.Link) is not { Open: true } link)
        {
            return;
        }
        var to = message.Link.Outgoing ? link.LeaderSid : link.LearnerSid;
        if (!Reachable(from, to))
        {
            Close(link, "partitioned");
            return;
        }
        if (random.NextDouble() < LinkBreakage)
        {
            Close(link, "packet lost");
            return;
        }
        Packets.Add((from, to, message.Packet));
        if (message.Link.Outgoing)
        {
            Enqueue(ToLeader(link), to, new LinkPacket(link.LeaderLink, from, message.Packet));
        }
        else
        {
            Enqueue(ToLearner(link), to, new LinkPacket(link.LearnerLink, from, message.Packet));
        }
    }

    private void CloseLink(long from, CloseLink message)
    {
        if (Find(from, message.Link) is { Open: true } link)
        {
            Close(link, message.Reason);
        }
    }

    private NetLink? Find(long sid, Link link)
    {
        if (link.Outgoing)
        {
            return outgoing.TryGetValue((sid, link.Id), out var id) ? links[id] : null;
        }
        return links.TryGetValue(link.Id, out var incoming) && incoming.LeaderSid == sid ? incoming : null;
    }

    private void Close(NetLink link, string reason)
    {
        link.Open = false;
        Enqueue(ToLeader(link), link.LeaderSid, new LinkClosed(link.LeaderLink, reason));
        Enqueue(ToLearner(link), link.LearnerSid, new LinkClosed(link.LearnerLink, reason));
    }

    private void CutLinks(Func<NetLink, bool> which, string reason)
    {
        foreach (var link in links.Values.Where(link => link.Open && which(link)).ToList())
        {
            Close(link, reason);
        }
    }

    private static string ToLeader(NetLink link) => $"l-{link.Id}-up";

    private static string ToLearner(NetLink link) => $"l-{link.Id}-down";
}
