namespace ZabActors.Remote.Transport;

/// <summary>
/// The in-memory "network" shared by the <see cref="TestTransport"/>s of one test, after Akka's
/// <c>AssociationRegistry</c>: it maps listening addresses to transports, hands out ports for port 0 and
/// records listen, associate and disassociate attempts so tests can assert on them.
/// </summary>
public sealed class TestTransportRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Host, int Port), TestTransport> _listening = new();
    private readonly List<TestTransportActivity> _activity = new();
    private int _nextPort = 20000;

    public IReadOnlyList<TestTransportActivity> LogSnapshot()
    {
        lock (_gate)
            return _activity.ToArray();
    }

    internal RemoteAddress Register(RemoteAddress requested, TestTransport transport)
    {
        lock (_gate)
        {
            var address = requested.Port != 0 ? requested : requested.WithPort(NextFreePort(requested.Host));
            if (!_listening.TryAdd((address.Host, address.Port), transport))
                throw new InvalidOperationException($"{address.Host}:{address.Port} is already in use");
            _activity.Add(new ListenAttempt(address));
            return address;
        }
    }

    internal void Unregister(RemoteAddress address)
    {
        lock (_gate)
            _listening.Remove((address.Host, address.Port));
    }

    internal int AllocateEphemeralPort(string host)
    {
        lock (_gate)
            return NextFreePort(host);
    }

    internal TestTransport? Find(RemoteAddress local, RemoteAddress remote)
    {
        lock (_gate)
        {
            _activity.Add(new AssociateAttempt(local, remote));
            return _listening.GetValueOrDefault((remote.Host, remote.Port));
        }
    }

    internal void Record(TestTransportActivity activity)
    {
        lock (_gate)
            _activity.Add(activity);
    }

    private int NextFreePort(string host)
    {
        while (_listening.ContainsKey((host, _nextPort)))
            _nextPort++;
        return _nextPort++;
    }
}

/// <summary>Something a <see cref="TestTransport"/> was asked to do.</summary>
public abstract record TestTransportActivity;

/// <summary>A transport started listening at <paramref name="Address"/>.</summary>
public sealed record ListenAttempt(RemoteAddress Address) : TestTransportActivity;

/// <summary>A transport at <paramref name="Local"/> tried to associate with <paramref name="Remote"/>.</summary>
public sealed record AssociateAttempt(RemoteAddress Local, RemoteAddress Remote) : TestTransportActivity;

/// <summary>A handle between the two addresses was closed, and why.</summary>
public sealed record DisassociateAttempt(RemoteAddress Local, RemoteAddress Remote, string Reason) : TestTransportActivity;
