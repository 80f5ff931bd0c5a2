using ZabActors.Actors;

namespace ZabActors.Quorum.Tests;

/// <summary>A client that keeps every reply it gets (WriteCommitted, WriteFailed), in arrival order, for tests that write from several places.</summary>
internal sealed class ReplySink : ReceiveActor
{
    public ReplySink(List<object> replies)
    {
        ReceiveAny(reply =>
        {
            lock (replies)
            {
                replies.Add(reply);
            }
        });
    }

    public static (IActorRef Ref, List<object> Replies) Start(ActorSystem system, string name)
    {
        var replies = new List<object>();
        return (system.ActorOf(Props.Create(() => new ReplySink(replies)), name), replies);
    }

    public static IReadOnlyList<WriteCommitted> Committed(List<object> replies)
    {
        lock (replies)
        {
            return [.. replies.OfType<WriteCommitted>()];
        }
    }
}
