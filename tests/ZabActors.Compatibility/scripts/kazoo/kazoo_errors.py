"""kazoo: every error path the server must report with the right code."""
from kazoo.exceptions import BadVersionError, NoAuthError, NodeExistsError, NoNodeError, NotEmptyError, NoChildrenForEphemeralsError
from kazoo.security import make_digest_acl

from compat import args, connect, done, equal, raises

hosts, root, _ = args()
zk = connect(hosts)
zk.create(root + "/child", b"", makepath=True)

raises("get missing NoNodeError", NoNodeError, lambda: zk.get(root + "/missing"))
raises("set missing NoNodeError", NoNodeError, lambda: zk.set(root + "/missing", b""))
raises("delete missing NoNodeError", NoNodeError, lambda: zk.delete(root + "/missing"))
raises("children missing NoNodeError", NoNodeError, lambda: zk.get_children(root + "/missing"))
raises("create without parent NoNodeError", NoNodeError, lambda: zk.create(root + "/no/parent", b""))
raises("create twice NodeExistsError", NodeExistsError, lambda: zk.create(root + "/child", b""))
raises("set stale version BadVersionError", BadVersionError, lambda: zk.set(root + "/child", b"", version=3))
raises("delete stale version BadVersionError", BadVersionError, lambda: zk.delete(root + "/child", version=3))
raises("delete parent NotEmptyError", NotEmptyError, lambda: zk.delete(root))
zk.create(root + "/eph", b"", ephemeral=True)
raises("child of ephemeral NoChildrenForEphemeralsError", NoChildrenForEphemeralsError, lambda: zk.create(root + "/eph/x", b""))
zk.create(root + "/locked", b"", acl=[make_digest_acl("carol", "pw", read=True, write=True, create=True, delete=True, admin=True)])
raises("get without auth NoAuthError", NoAuthError, lambda: zk.get(root + "/locked"))
raises("create under locked NoAuthError", NoAuthError, lambda: zk.create(root + "/locked/x", b""))
zk.add_auth("digest", "mallory:wrong")
raises("wrong credentials NoAuthError", NoAuthError, lambda: zk.set(root + "/locked", b"x"))
equal("connection still usable after errors", True, zk.exists(root + "/child") is not None)
done(zk)
