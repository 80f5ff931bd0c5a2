using System.Collections.Immutable;
using System.Globalization;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Tree;
using ZabActors.ZooKeeper.Txns;

namespace ZabActors.ZooKeeper.Prep;

// create, create2, createContainer and createTTL (pRequest2TxnCreate), and the ACL rules they share.
public sealed partial class PrepRequestProcessor
{
    private ZooTxn PrepCreate(ZooRequest request, CreateOp op, long zxid, List<ChangeRecord> pending)
    {
        var mode = CheckCreateMode(op);
        ValidatePath(op.Path, mode.IsSequential());
        var parentPath = ZooPath.Parent(op.Path);
        var parent = RecordFor(parentPath);
        CheckAcl(parent.Acl, Perms.Create, request.Auth);
        var parentCVersion = parent.Stat!.Value.Cversion;
        var path = mode.IsSequential() ? op.Path + SequenceSuffix(parentCVersion) : op.Path;
        ValidatePath(path);
        var acl = FixupAcl(op.Acl, request.Auth);
        if (Exists(path))
        {
            throw new PrepException(ErrorCode.NodeExists, path);
        }
        var parentOwner = parent.Stat.Value.EphemeralOwner;
        if (EphemeralOwner.Session(parentOwner) != 0)
        {
            throw new PrepException(ErrorCode.NoChildrenForEphemerals, parentPath);
        }
        var newCversion = parentCVersion + 1;
        var owner = mode switch
        {
            CreateMode.Container => EphemeralOwner.Container,
            _ when mode.IsTtl() => EphemeralOwner.ForTtl(op.TtlMs),
            _ when mode.IsEphemeral() => request.SessionId,
            _ => EphemeralOwner.None,
        };
        var parentStat = parent.Stat.Value with { Cversion = newCversion, Pzxid = zxid };
        Add(pending, parent with { Zxid = zxid, Stat = parentStat, ChildCount = parent.ChildCount + 1 });
        var stat = new Stat(zxid, zxid, 0, 0, 0, 0, 0, owner, op.Data?.Length ?? 0, 0, zxid);
        Add(pending, new ChangeRecord(zxid, path, stat, 0, acl));
        return mode switch
        {
            CreateMode.Container => new CreateContainerTxn(path, op.Data, acl, newCversion),
            _ when mode.IsTtl() => new CreateTtlTxn(path, op.Data, acl, newCversion, op.TtlMs),
            _ => new CreateTxn(path, op.Data, acl, mode.IsEphemeral(), newCversion),
        };
    }

    /// <summary>The create mode the flags and op type allow (validateCreateRequest).</summary>
    private static CreateMode CheckCreateMode(CreateOp op)
    {
        if (!CreateModes.IsKnown(op.Flags))
        {
            throw new PrepException(ErrorCode.BadArguments, $"unknown create flags {op.Flags}");
        }
        var mode = (CreateMode)op.Flags;
        var consistent = op.CreateType switch
        {
            OpCode.CreateContainer => mode.IsContainer(),
            OpCode.CreateTtl => mode.IsTtl(),
            OpCode.Create or OpCode.Create2 => !mode.IsContainer() && !mode.IsTtl(),
            _ => false,
        };
        if (!consistent)
        {
            throw new PrepException(ErrorCode.BadArguments, $"{op.CreateType} does not take create mode {mode}");
        }
        if (mode.IsTtl() && (op.TtlMs <= 0 || op.TtlMs > EphemeralOwner.MaxTtlMs))
        {
            throw new PrepException(ErrorCode.BadArguments, $"ttl {op.TtlMs} is outside 1..{EphemeralOwner.MaxTtlMs} ms");
        }
        return mode;
    }

    /// <summary>Java's %010d: ten characters, zero-padded, the sign counted in the width.</summary>
    internal static string SequenceSuffix(int cversion) => cversion < 0
        ? "-" + Math.Abs((long)cversion).ToString("D9", CultureInfo.InvariantCulture)
        : cversion.ToString("D10", CultureInfo.InvariantCulture);

    private void CheckAcl(ImmutableArray<Acl> acl, Perms perm, ImmutableArray<Id> auth)
    {
        if (!AclCheck.Allows(acl, perm, auth, SuperDigest))
        {
            throw new PrepException(ErrorCode.NoAuth, $"{perm} denied");
        }
    }

    /// <summary>
    /// The ACL to store (fixupACL): world:anyone as is, auth:"" replaced by the request's authenticated
    /// identities, other entries kept when their scheme accepts the id; an empty or invalid ACL fails.
    /// </summary>
    private static ImmutableArray<Acl> FixupAcl(ImmutableArray<Acl> acl, ImmutableArray<Id> auth)
    {
        if (acl.IsDefaultOrEmpty)
        {
            throw new PrepException(ErrorCode.InvalidAcl, "an ACL needs at least one entry");
        }
        var fixedUp = ImmutableArray.CreateBuilder<Acl>();
        foreach (var entry in acl)
        {
            if (entry.Id.Scheme == AuthIds.Auth)
            {
                var authenticated = auth.Where(id => AuthIds.IsAuthenticated(id.Scheme)).ToList();
                if (authenticated.Count == 0)
                {
                    throw new PrepException(ErrorCode.InvalidAcl, "auth ACL without an authenticated identity");
                }
                fixedUp.AddRange(authenticated.Select(id => new Acl(entry.Perms, id)));
            }
            else if (AuthIds.IsValid(entry.Id))
            {
                fixedUp.Add(entry);
            }
            else
            {
                throw new PrepException(ErrorCode.InvalidAcl, $"invalid ACL id {entry.Id}");
            }
        }
        return fixedUp.ToImmutable();
    }
}
