"""kazoo Lock across processes: several of these run at once on the same lock.

Inside the lock each worker claims an ephemeral "holder" node (NodeExistsError would mean two
holders at once) and does a read-modify-write of a counter without versions, which only adds up if
no two workers interleave.
Arguments: HOSTS ROOT WORKER_NAME ITERATIONS
"""
import time

from kazoo.exceptions import NodeExistsError

from compat import args, connect, done, fail, ok

hosts, root, rest = args()
name, iterations = rest[0], int(rest[1])
zk = connect(hosts)
zk.ensure_path(root + "/counter")
lock = zk.Lock(root + "/lock", name)
for i in range(iterations):
    if not lock.acquire(timeout=30):
        fail("%s could not take the lock (iteration %d)" % (name, i))
    try:
        try:
            zk.create(root + "/holder", name.encode(), ephemeral=True)
        except NodeExistsError:
            fail("%s entered while %r held the lock" % (name, zk.get(root + "/holder")[0]))
        value = int(zk.get(root + "/counter")[0] or b"0")
        time.sleep(0.02)
        zk.set(root + "/counter", str(value + 1).encode())
        zk.delete(root + "/holder")
    finally:
        lock.release()
ok("%s done" % name)
done(zk)
