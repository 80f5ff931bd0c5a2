"""kazoo recipes, one per run: Election, Barrier, DoubleBarrier, Counter, Party, Queue, LockingQueue,
TreeCache. Each uses several sessions (one KazooClient each), as separate processes would.
Arguments: HOSTS ROOT RECIPE
"""
import threading
import time

from kazoo.recipe.cache import TreeCache, TreeEvent

from compat import args, check, connect, done, equal, fail, run_threads, wait

hosts, root, rest = args()
recipe = rest[0]
sessions = [connect(hosts) for _ in range(3)]
zk = sessions[0]
zk.ensure_path(root)


def election():
    leaders = []
    inside = threading.Lock()

    def candidate(client, name):
        def lead():
            if not inside.acquire(blocking=False):
                fail("%s became leader while another leader ran" % name)
            leaders.append(name)
            time.sleep(0.2)
            inside.release()

        client.Election(root + "/election", name).run(lead)

    run_threads([lambda c=c, n="c%d" % i: candidate(c, n) for i, c in enumerate(sessions)], timeout_s=30)
    equal("every candidate led exactly once, one at a time", ["c0", "c1", "c2"], sorted(leaders))
    contenders = sessions[1].Election(root + "/election2", "x")
    held = threading.Event()
    release = threading.Event()
    threading.Thread(target=lambda: contenders.run(lambda: (held.set(), release.wait(10))), daemon=True).start()
    wait("second election has a leader", held)
    equal("contenders name the leader", ["x"], zk.Election(root + "/election2").contenders())
    release.set()


def barrier():
    gate = zk.Barrier(root + "/barrier")
    gate.create()
    passed = threading.Event()
    threading.Thread(target=lambda: sessions[1].Barrier(root + "/barrier").wait(20) and passed.set(), daemon=True).start()
    time.sleep(0.5)
    check("barrier holds while it exists", not passed.is_set())
    gate.remove()
    wait("barrier lets waiters through once removed", passed)


def double_barrier():
    entered, left = [], []

    def member(client, name):
        b = client.DoubleBarrier(root + "/double", 3, identifier=name)
        b.enter()
        entered.append((name, time.monotonic()))
        b.leave()
        left.append((name, time.monotonic()))

    run_threads([lambda c=c, n="m%d" % i: member(c, n) for i, c in enumerate(sessions)], timeout_s=30)
    equal("all members entered", 3, len(entered))
    check("nobody left before everyone entered", max(t for _, t in entered) <= min(t for _, t in left), "%r %r" % (entered, left))


def counter():
    def bump(client):
        c = client.Counter(root + "/counter")
        for _ in range(10):
            c += 1

    run_threads([lambda c=c: bump(c) for c in sessions], timeout_s=30)
    equal("counter sums concurrent increments", 30, zk.Counter(root + "/counter").value)
    floats = zk.Counter(root + "/fcounter", default=0.0)
    floats += 2.5
    floats -= 1.0
    equal("float counter", 1.5, floats.value)


def party():
    members = [c.Party(root + "/party", "p%d" % i) for i, c in enumerate(sessions)]
    for m in members:
        m.join()
    equal("party lists every member", ["p0", "p1", "p2"], sorted(zk.Party(root + "/party")))
    equal("party length", 3, len(zk.Party(root + "/party")))
    members[1].leave()
    equal("party after leave", ["p0", "p2"], sorted(zk.Party(root + "/party")))
    sessions[2].stop()
    equal("party member leaves when its session ends", ["p0"], sorted(zk.Party(root + "/party")))


def queue():
    q = zk.Queue(root + "/queue")
    for item in [b"a", b"b", b"c"]:
        sessions[1].Queue(root + "/queue").put(item)
    q.put(b"urgent", priority=1)
    equal("queue length", 4, len(q))
    equal("queue priority first", b"urgent", q.get())
    equal("queue FIFO", [b"a", b"b", b"c"], [q.get(), q.get(), q.get()])
    equal("empty queue", None, q.get())


def locking_queue():
    producer = sessions[1].LockingQueue(root + "/lqueue")
    producer.put_all([b"x", b"y"])
    consumer_a = zk.LockingQueue(root + "/lqueue")
    consumer_b = sessions[2].LockingQueue(root + "/lqueue")
    first = consumer_a.get(5)
    equal("locking queue get", b"x", first)
    second = consumer_b.get(5)
    equal("second consumer skips the locked item", b"y", second)
    check("consume", consumer_a.consume())
    equal("released item is served again", True, consumer_b.release())
    again = consumer_a.get(5)
    equal("released item comes back", b"y", again)
    check("consume again", consumer_a.consume())
    equal("locking queue drained", 0, len(producer))


def tree_cache():
    zk.create(root + "/tree/a", b"1", makepath=True)
    cache = TreeCache(sessions[1], root + "/tree")
    events = []
    initialized = threading.Event()
    changed = threading.Condition()

    def listener(event):
        with changed:
            events.append(event)
            if event.event_type == TreeEvent.INITIALIZED:
                initialized.set()
            changed.notify_all()

    cache.listen(listener)
    cache.start()
    wait("tree cache initialised", initialized)
    equal("tree cache data", b"1", cache.get_data(root + "/tree/a").data)
    zk.create(root + "/tree/a/b", b"2")
    zk.set(root + "/tree/a", b"1b")

    def has(event_type, path):
        return any(e.event_type == event_type and e.event_data and e.event_data.path == path for e in events)

    with changed:
        ok_added = changed.wait_for(lambda: has(TreeEvent.NODE_ADDED, root + "/tree/a/b"), timeout=10)
        ok_updated = changed.wait_for(lambda: has(TreeEvent.NODE_UPDATED, root + "/tree/a"), timeout=10)
    check("tree cache sees a new grandchild", ok_added)
    check("tree cache sees an update", ok_updated)
    equal("tree cache children", ["b"], sorted(cache.get_children(root + "/tree/a")))
    zk.delete(root + "/tree/a/b")
    with changed:
        check("tree cache sees a removal", changed.wait_for(lambda: has(TreeEvent.NODE_REMOVED, root + "/tree/a/b"), timeout=10))
    equal("tree cache updated data", b"1b", cache.get_data(root + "/tree/a").data)
    cache.close()


RECIPES = {
    "election": election, "barrier": barrier, "double_barrier": double_barrier, "counter": counter,
    "party": party, "queue": queue, "locking_queue": locking_queue, "tree_cache": tree_cache,
}
if recipe not in RECIPES:
    fail("unknown recipe %r" % recipe)
RECIPES[recipe]()
for s in sessions[1:]:
    s.stop()
    s.close()
done(zk)
