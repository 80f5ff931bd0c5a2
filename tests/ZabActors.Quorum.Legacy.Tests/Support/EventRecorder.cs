using ZabActors.Actors;

namespace ZabActors.Quorum.Tests;

/// <summary>Subscribes to the peers' observability events and keeps them, in arrival order, for assertions.</summary>
internal sealed class EventRecorder : ReceiveActor
{
    public EventRecorder(List<object> sink)
    {
        ReceiveAny(sink.Add);
    }

    public static List<object> Start(ActorSystem system)
    {
        var sink = new List<object>();
        var recorder = system.ActorOf(Props.Create(() => new EventRecorder(sink)), "event-recorder");
        foreach (var type in new[] { typeof(PeerStateChanged), typeof(LeaderEstablishedEvent), typeof(TxnDelivered), typeof(TxnProposed), typeof(PeerStorageFailed) })
        {
            system.EventStream.Subscribe(recorder, type);
        }
        return sink;
    }
}
