"""kazoo: every basic operation (create kinds, get/set/delete with versions, exists, children, ACLs
with digest auth, multi success and failure, sync)."""
from kazoo.exceptions import BadVersionError, NoAuthError, NoNodeError
from kazoo.security import make_digest_acl, make_acl

from compat import args, check, connect, done, equal, ok, raises

hosts, root, _ = args()
zk = connect(hosts)

# create / get / exists
equal("create persistent", root, zk.create(root, b"root", makepath=True))
data, stat = zk.get(root)
equal("get data", b"root", data)
equal("get version", 0, stat.version)
check("exists", zk.exists(root) is not None)
equal("exists missing", None, zk.exists(root + "/missing"))

# ephemeral
eph = zk.create(root + "/eph", b"e", ephemeral=True)
equal("create ephemeral path", root + "/eph", eph)
equal("ephemeral owner", zk.client_id[0], zk.exists(eph).ephemeralOwner)
equal("persistent has no owner", 0, zk.exists(root).ephemeralOwner)

# sequential (persistent and ephemeral)
s1 = zk.create(root + "/seq-", b"", sequence=True)
s2 = zk.create(root + "/seq-", b"", sequence=True)
s3 = zk.create(root + "/eseq-", b"", ephemeral=True, sequence=True)
check("sequential suffix is 10 digits", len(s1.rsplit("-", 1)[1]) == 10 and s1.rsplit("-", 1)[1].isdigit(), s1)
check("sequential increases", int(s2.rsplit("-", 1)[1]) > int(s1.rsplit("-", 1)[1]), "%s %s" % (s1, s2))
check("ephemeral sequential", zk.exists(s3).ephemeralOwner == zk.client_id[0], s3)

# set / delete with versions
stat = zk.set(root, b"v1", version=0)
equal("set bumps version", 1, stat.version)
equal("set data read back", b"v1", zk.get(root)[0])
raises("set with stale version", BadVersionError, lambda: zk.set(root, b"v2", version=0))
equal("set with any version", 2, zk.set(root, b"v2", version=-1).version)
zk.create(root + "/del", b"")
raises("delete with wrong version", BadVersionError, lambda: zk.delete(root + "/del", version=5))
zk.delete(root + "/del", version=0)
equal("delete with version", None, zk.exists(root + "/del"))

# children
equal("get_children", sorted(["eph", s1.rsplit("/", 1)[1], s2.rsplit("/", 1)[1], s3.rsplit("/", 1)[1]]), sorted(zk.get_children(root)))
children, stat = zk.get_children(root, include_data=True)
equal("get_children stat numChildren", 4, stat.numChildren)
equal("cversion counts child changes", 6, stat.cversion)

# makepath creates parents
zk.create(root + "/a/b/c", b"deep", makepath=True)
equal("makepath", b"deep", zk.get(root + "/a/b/c")[0])

# ACLs with digest auth
acl = make_digest_acl("alice", "secret", all=True)
zk.create(root + "/secret", b"hidden", acl=[acl])
raises("get_acls without auth", NoAuthError, lambda: zk.get_acls(root + "/secret"))
raises("read without auth", NoAuthError, lambda: zk.get(root + "/secret"))
other = connect(hosts, auth_data=[("digest", "alice:secret")])
acls, _ = other.get_acls(root + "/secret")
equal("get_acls scheme", "digest", acls[0].id.scheme)
check("get_acls id", acls[0].id.id.startswith("alice:"), acls[0].id.id)
equal("get_acls perms", 31, acls[0].perms)
equal("read with digest auth", b"hidden", other.get(root + "/secret")[0])
other.set_acls(root + "/secret", [make_acl("world", "anyone", read=True)])
equal("set_acls read-only world", b"hidden", zk.get(root + "/secret")[0])
raises("write with read-only acl", NoAuthError, lambda: zk.set(root + "/secret", b"x"))
other.stop()
other.close()
zk.add_auth("digest", "bob:pw")
zk.create(root + "/bobs", b"", acl=[make_digest_acl("bob", "pw", all=True)])
equal("add_auth then read", b"", zk.get(root + "/bobs")[0])

# transactions
tx = zk.transaction()
tx.create(root + "/tx1", b"one")
tx.create(root + "/tx2", b"two")
tx.set_data(root, b"tx", version=2)
tx.check(root + "/tx1", 0)
results = tx.commit()
equal("multi success results", [root + "/tx1", root + "/tx2"], results[:2])
equal("multi applied", b"tx", zk.get(root)[0])
tx = zk.transaction()
tx.create(root + "/tx3", b"")
tx.delete(root + "/tx1", version=7)
results = tx.commit()
check("multi failure reports the failing op", isinstance(results[1], BadVersionError), repr(results))
equal("multi failure is atomic", None, zk.exists(root + "/tx3"))
check("multi failure leaves tx1", zk.exists(root + "/tx1") is not None)

# sync
equal("sync", root, zk.sync(root))
ok("all operations")
done(zk)
