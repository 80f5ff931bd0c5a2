using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using static ZabActors.Persistence.Snapshot.SnapshotProtocol;

namespace ZabActors.Persistence.Snapshot;

/// <summary>
/// Runs one snapshot store plugin behind a mailbox for every persistent actor of a system (Akka's
/// snapshot store actor): each request starts the plugin call, whose outcome is piped to the
/// requester. It disposes the plugin when it stops, if it owns it.
/// </summary>
internal sealed class SnapshotStoreActor : ReceiveActor
{
    private readonly ISnapshotStore store;
    private readonly bool ownsStore;

    public SnapshotStoreActor(ISnapshotStore store, bool ownsStore)
    {
        this.store = store;
        this.ownsStore = ownsStore;
        Receive<LoadSnapshot>(Load);
        Receive<SaveSnapshot>(Save);
        Receive<DeleteSnapshot>(Delete);
        Receive<DeleteSnapshots>(DeleteMany);
    }

    public static Props Props(ISnapshotStore store, bool ownsStore) =>
        Actors.Props.Create(() => new SnapshotStoreActor(store, ownsStore));

    protected override void PostStop()
    {
        if (!ownsStore)
            return;
        try
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Log.LogError(e, "Closing snapshot store {Store} failed", store.GetType().Name);
        }
    }

    private void Load(LoadSnapshot request)
    {
        var criteria = request.Criteria;
        if (request.ToSequenceNr < criteria.MaxSequenceNr)
            criteria = new SnapshotSelectionCriteria(request.ToSequenceNr, criteria.MaxTimestamp, criteria.MinSequenceNr, criteria.MinTimestamp);
        var instance = request.ActorInstanceId;
        Call(() => store.LoadAsync(request.PersistenceId, criteria), Sender,
            snapshot => new LoadSnapshotResult(snapshot, instance),
            failure => new LoadSnapshotFailed(failure, instance));
    }

    private void Save(SaveSnapshot request) =>
        Call(() => Done(store.SaveAsync(request.Metadata, request.Snapshot)), Sender,
            _ => new SaveSnapshotSuccess(request.Metadata),
            failure => new SaveSnapshotFailure(request.Metadata, failure));

    private void Delete(DeleteSnapshot request) =>
        Call(() => Done(store.DeleteAsync(request.Metadata)), Sender,
            _ => new DeleteSnapshotSuccess(request.Metadata),
            failure => new DeleteSnapshotFailure(request.Metadata, failure));

    private void DeleteMany(DeleteSnapshots request) =>
        Call(() => Done(store.DeleteAsync(request.PersistenceId, request.Criteria)), Sender,
            _ => new DeleteSnapshotsSuccess(request.Criteria),
            failure => new DeleteSnapshotsFailure(request.Criteria, failure));

    private void Call<T>(Func<Task<T>> call, IActorRef requester, Func<T, object> onSuccess, Func<Exception, object> onFailure)
    {
        Task<T> task;
        try
        {
            task = call();
        }
        catch (Exception e)
        {
            task = Task.FromException<T>(e);
        }
        task.PipeTo(requester, Self, result => onSuccess(result), onFailure);
    }

    private static async Task<bool> Done(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
