"""kazoo: one-shot data and child watches, and the DataWatch / ChildrenWatch helpers."""
import threading
import time

from compat import args, check, connect, done, equal, wait

hosts, root, _ = args()
zk = connect(hosts)
zk.create(root + "/data", b"0", makepath=True)

# A data watch fires once, with the right event, and not again for the second change.
events = []
fired = threading.Event()


def on_data(event):
    events.append(event)
    fired.set()


zk.get(root + "/data", watch=on_data)
zk.set(root + "/data", b"1")
wait("data watch fires", fired)
equal("data watch event type", "CHANGED", events[0].type)
equal("data watch path", root + "/data", events[0].path)
zk.set(root + "/data", b"2")
zk.sync(root + "/data")
time.sleep(0.5)
equal("data watch fires once", 1, len(events))

# exists watch on a missing node fires on create
created = threading.Event()
created_events = []
zk.exists(root + "/later", watch=lambda e: (created_events.append(e), created.set()))
zk.create(root + "/later", b"")
wait("exists watch fires on create", created)
equal("exists watch event type", "CREATED", created_events[0].type)

# delete fires a data watch with DELETED
deleted = threading.Event()
deleted_events = []
zk.get(root + "/later", watch=lambda e: (deleted_events.append(e), deleted.set()))
zk.delete(root + "/later")
wait("data watch fires on delete", deleted)
equal("delete event type", "DELETED", deleted_events[0].type)

# child watch
child_fired = threading.Event()
child_events = []
zk.get_children(root, watch=lambda e: (child_events.append(e), child_fired.set()))
zk.create(root + "/kid", b"")
wait("child watch fires", child_fired)
equal("child watch event type", "CHILD", child_events[0].type)
equal("child watch path", root, child_events[0].path)

# A watch set by another session sees this session's write.
other = connect(hosts)
cross = threading.Event()
other.get(root + "/data", watch=lambda e: cross.set())
zk.set(root + "/data", b"3")
wait("watch across sessions", cross)
other.stop()
other.close()

# DataWatch helper: called with the current data, then on each change, then with None on delete.
seen = []
changed = threading.Condition()


@zk.DataWatch(root + "/data")
def watch_data(data, stat):
    with changed:
        seen.append(data)
        changed.notify_all()


def wait_for(name, predicate):
    with changed:
        check(name, changed.wait_for(predicate, timeout=10), "saw %r" % (seen,))


wait_for("DataWatch initial call", lambda: seen and seen[0] == b"3")
zk.set(root + "/data", b"4")
wait_for("DataWatch sees change", lambda: b"4" in seen)
zk.delete(root + "/data")
wait_for("DataWatch sees delete", lambda: seen[-1] is None)

# ChildrenWatch helper
kids = []


@zk.ChildrenWatch(root)
def watch_children(children):
    with changed:
        kids.append(sorted(children))
        changed.notify_all()


def wait_kids(name, expected):
    with changed:
        check(name, changed.wait_for(lambda: kids and kids[-1] == expected, timeout=10), "saw %r" % (kids,))


wait_kids("ChildrenWatch initial call", ["kid"])
zk.create(root + "/kid2", b"")
wait_kids("ChildrenWatch sees create", ["kid", "kid2"])
zk.delete(root + "/kid")
wait_kids("ChildrenWatch sees delete", ["kid2"])
done(zk)
