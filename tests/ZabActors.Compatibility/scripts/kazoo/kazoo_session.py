"""kazoo: a session survives the loss of the server it is connected to.

The hosts list starts with the server the test will kill, and host randomization is off, so the
client is connected to it. The script prints READY, the test kills that server and writes GO; the
client must then reconnect to another server with the same session, and its ephemeral node must
still be there.
"""
import sys
import threading

from kazoo.client import KazooState

from compat import args, check, connect, done, equal, fail, ok

hosts, root, _ = args()
zk = connect(hosts, randomize_hosts=False)
states = []
reconnected = threading.Event()


def on_state(state):
    states.append(state)
    if state == KazooState.CONNECTED and KazooState.SUSPENDED in states:
        reconnected.set()


zk.add_listener(on_state)
session_before = zk.client_id[0]
zk.create(root + "/eph", b"alive", ephemeral=True, makepath=True)
first_host = hosts.split(",")[0]
peer = zk._connection._socket.getpeername()  # the only way kazoo exposes the server it talks to
equal("connected to the first host", first_host, "%s:%d" % (peer[0], peer[1]))
print("READY", flush=True)

if sys.stdin.readline().strip() != "GO":
    fail("expected GO on stdin")
check("client reconnects", reconnected.wait(30), "states seen: %r" % (states,))
check("session was never lost", KazooState.LOST not in states, "states seen: %r" % (states,))
equal("same session after reconnect", session_before, zk.client_id[0])
peer = zk._connection._socket.getpeername()
check("now on another server", "%s:%d" % (peer[0], peer[1]) != first_host, repr(peer))
data, stat = zk.get(root + "/eph")
equal("ephemeral survives", b"alive", data)
equal("ephemeral still owned by the session", session_before, stat.ephemeralOwner)
zk.set(root + "/eph", b"after")
equal("writes work after reconnect", b"after", zk.get(root + "/eph")[0])
ok("session recovered")
done(zk)
