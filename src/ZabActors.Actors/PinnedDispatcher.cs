namespace ZabActors.Actors;

/// <summary>
/// Gives every actor its own dedicated thread, for actors that block (fsync, blocking I/O) and must
/// not starve the thread pool. The thread ends when the actor dies.
/// </summary>
internal sealed class PinnedDispatcher : MessageDispatcher
{
    private readonly Dictionary<Mailbox, DedicatedWorker> _workers = new(ReferenceEqualityComparer.Instance);

    public PinnedDispatcher(string id, int throughput) : base(id, throughput)
    {
    }

    internal override void Schedule(Mailbox mailbox)
    {
        DedicatedWorker? worker;
        lock (_workers)
        {
            if (!_workers.TryGetValue(mailbox, out worker))
            {
                worker = new DedicatedWorker(mailbox, Id);
                _workers.Add(mailbox, worker);
            }
        }
        worker.Signal();
    }

    internal override void Detach(Mailbox mailbox)
    {
        DedicatedWorker? worker;
        lock (_workers)
        {
            if (!_workers.Remove(mailbox, out worker)) return;
        }
        worker.Stop();
    }

    /// <summary>One thread running one mailbox whenever it is signalled.</summary>
    private sealed class DedicatedWorker
    {
        private readonly SemaphoreSlim _signal = new(0);
        private readonly Mailbox _mailbox;
        private volatile bool _stopped;

        public DedicatedWorker(Mailbox mailbox, string dispatcherId)
        {
            _mailbox = mailbox;
            var thread = new Thread(Loop) { IsBackground = true, Name = dispatcherId };
            thread.Start();
        }

        public void Signal() => _signal.Release();

        public void Stop()
        {
            _stopped = true;
            _signal.Release();
        }

        private void Loop()
        {
            while (true)
            {
                _signal.Wait();
                if (_stopped) return;
                _mailbox.Run();
            }
        }
    }
}
