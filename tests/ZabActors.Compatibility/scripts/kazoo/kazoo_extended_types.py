"""kazoo: container and TTL nodes.

kazoo 2.8's create() cannot ask for them, so this script sends ZooKeeper's createContainer (19) and
createTTL (21) requests through kazoo's own connection and wire format (its Create2 serializer with
the other opcode, plus the TTL field), the way a newer kazoo does.
Arguments: HOSTS ROOT ttl|nottl
"""
import time
from collections import namedtuple

from kazoo.exceptions import NoNodeError
from kazoo.protocol.serialization import Create2, int_struct, long_struct, write_buffer, write_string
from kazoo.security import OPEN_ACL_UNSAFE

from compat import args, check, connect, done, equal

CONTAINER_FLAGS = 4
PERSISTENT_WITH_TTL_FLAGS = 5


class CreateContainer(Create2):
    type = 19


class CreateTTL(namedtuple("CreateTTL", "path data acl flags ttl")):
    type = 21

    def serialize(self):
        b = bytearray()
        b.extend(write_string(self.path))
        b.extend(write_buffer(self.data))
        b.extend(int_struct.pack(len(self.acl)))
        for acl in self.acl:
            b.extend(int_struct.pack(acl.perms) + write_string(acl.id.scheme) + write_string(acl.id.id))
        b.extend(int_struct.pack(self.flags))
        b.extend(long_struct.pack(self.ttl))
        return b

    deserialize = Create2.deserialize


def send(zk, request):
    result = zk.handler.async_result()
    zk._call(request, result)
    return result.get(timeout=10)


def gone_within(zk, path, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if zk.exists(path) is None:
            return True
        time.sleep(0.1)
    return False


hosts, root, rest = args()
ttl_enabled = rest[0] == "ttl"
zk = connect(hosts)
zk.ensure_path(root)

path, stat = send(zk, CreateContainer(root + "/container", b"c", OPEN_ACL_UNSAFE, CONTAINER_FLAGS))
equal("createContainer path", root + "/container", path)
check("createContainer stat", stat.czxid > 0, repr(stat))
zk.create(path + "/child", b"")
zk.delete(path + "/child")
check("container reaped once emptied", gone_within(zk, path, 20))

if ttl_enabled:
    path, stat = send(zk, CreateTTL(root + "/ttl", b"t", OPEN_ACL_UNSAFE, PERSISTENT_WITH_TTL_FLAGS, 500))
    equal("createTTL path", root + "/ttl", path)
    equal("ttl node readable", b"t", zk.get(path)[0])
    check("ttl node expires", gone_within(zk, path, 20))
    try:
        zk.get(path)
        check("expired ttl node is gone", False)
    except NoNodeError:
        check("expired ttl node is gone", True)
else:
    print("ok ttl not enabled on this ensemble", flush=True)
done(zk)
