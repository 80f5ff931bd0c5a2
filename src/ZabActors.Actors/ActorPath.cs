using System.Text;

namespace ZabActors.Actors;

/// <summary>
/// The hierarchical name of an actor, <c>zab://system/user/parent/child</c>, plus the uid of one
/// incarnation. Path equality ignores the uid (as in Akka); actor-ref equality compares both.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    private const string ValidSymbols = "-_.*$+:@&=,!~';";
    private readonly ActorPath? _parent;
    private string? _text;
    private int _hash;

    private ActorPath(Address address, ActorPath? parent, string name, long uid)
    {
        Address = address;
        _parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    public Address Address { get; }

    /// <summary>The last element; "/" for the root.</summary>
    public string Name { get; }

    /// <summary>Identifies one incarnation of the actor at this path; 0 when unknown.</summary>
    public long Uid { get; }

    /// <summary>Number of elements below the root (the root has depth 0).</summary>
    public int Depth { get; }

    /// <summary>The parent path; the root is its own parent, as in Akka.</summary>
    public ActorPath Parent => _parent ?? this;

    public bool IsRoot => _parent is null;

    public ActorPath Root
    {
        get
        {
            var p = this;
            while (p._parent is not null) p = p._parent;
            return p;
        }
    }

    /// <summary>The names from the root down, without the root itself.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var names = new string[Depth];
            for (var p = this; p._parent is not null; p = p._parent) names[p.Depth - 1] = p.Name;
            return names;
        }
    }

    public static ActorPath RootOf(Address address) => new(address, null, "/", 0);

    public ActorPath Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/')) throw new ArgumentException($"path element '{name}' must not contain '/'", nameof(name));
        return new ActorPath(Address, this, name, 0);
    }

    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    public ActorPath WithUid(long uid) => uid == Uid ? this : new ActorPath(Address, _parent, Name, uid);

    /// <summary>The same elements under another address, e.g. the externally reachable one.</summary>
    public ActorPath WithAddress(Address address)
    {
        if (address == Address) return this;
        var result = RootOf(address);
        foreach (var name in Elements) result = result.Child(name);
        return result.WithUid(Uid);
    }

    public override string ToString() => _text ??= Address + ToStringWithoutAddress();

    public string ToStringWithoutAddress()
    {
        if (_parent is null) return "/";
        var sb = new StringBuilder();
        AppendElements(sb);
        return sb.ToString();
    }

    public string ToStringWithAddress(Address address) => address + ToStringWithoutAddress();

    /// <summary>The path followed by <c>#uid</c>, the form used on the wire to name one incarnation.</summary>
    public string ToSerializationFormat() => Uid == 0 ? ToString() : $"{this}#{Uid}";

    private void AppendElements(StringBuilder sb)
    {
        if (_parent is null) return;
        _parent.AppendElements(sb);
        sb.Append('/').Append(Name);
    }

    /// <summary>
    /// True for names a user may give an actor: non-empty, not starting with '$' (reserved for
    /// generated names) and made of letters, digits, '%' escapes and URI-safe symbols.
    /// </summary>
    public static bool IsValidPathElement(string? name)
    {
        if (string.IsNullOrEmpty(name) || name[0] == '$') return false;
        foreach (char c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '%' || ValidSymbols.Contains(c)) continue;
            return false;
        }
        return true;
    }

    public static ActorPath Parse(string text)
    {
        if (!TryParse(text, out var path))
            throw new FormatException($"'{text}' is not an actor path (expected e.g. zab://system/user/name)");
        return path;
    }

    /// <summary>Parses <c>protocol://system[@host:port]/a/b[#uid]</c>.</summary>
    public static bool TryParse(string? text, out ActorPath path)
    {
        path = null!;
        if (string.IsNullOrEmpty(text)) return false;
        long uid = 0;
        int hash = text.IndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(text.AsSpan(hash + 1), out uid)) return false;
            text = text[..hash];
        }
        if (!Address.TryParse(text, out var address, out var rest)) return false;
        var result = RootOf(address);
        foreach (var element in rest.Split('/', StringSplitOptions.RemoveEmptyEntries)) result = result.Child(element);
        path = result.WithUid(uid);
        return true;
    }

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Depth != Depth || other.GetHashCode() != GetHashCode()) return false;
        var a = this;
        var b = other;
        while (a._parent is not null)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            a = a._parent;
            b = b._parent!;
        }
        return a.Address == b.Address;
    }

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = new HashCode();
        h.Add(Address);
        for (var p = this; p._parent is not null; p = p._parent) h.Add(p.Name, StringComparer.Ordinal);
        int value = h.ToHashCode();
        _hash = value == 0 ? 1 : value;
        return _hash;
    }

    public int CompareTo(ActorPath? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    public static bool operator ==(ActorPath? left, ActorPath? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(ActorPath? left, ActorPath? right) => !(left == right);
}
