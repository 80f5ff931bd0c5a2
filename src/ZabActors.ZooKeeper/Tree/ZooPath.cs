namespace ZabActors.ZooKeeper.Tree;

/// <summary>ZooKeeper's path rules (PathUtils.validatePath) and the parent/name split the tree needs.</summary>
public static class ZooPath
{
    public const string Root = "/";

    /// <summary>Null when <paramref name="path"/> is a valid znode path, else why not (in ZooKeeper's words).</summary>
    public static string? Validate(string? path, bool sequential = false)
    {
        if (path is null)
        {
            return "Path cannot be null";
        }
        // A sequential name gets a counter appended, so "/lock-" is valid and so is "/locks/".
        var checkedPath = sequential ? path + "1" : path;
        if (checkedPath.Length == 0)
        {
            return "Path length must be > 0";
        }
        if (checkedPath[0] != '/')
        {
            return "Path must start with / character";
        }
        if (checkedPath.Length == 1)
        {
            return null;
        }
        if (checkedPath[^1] == '/')
        {
            return "Path must not end with / character";
        }
        return ValidateCharacters(checkedPath);
    }

    private static string? ValidateCharacters(string path)
    {
        for (var i = 1; i < path.Length; i++)
        {
            var c = path[i];
            var reason = c switch
            {
                '\0' => "null character not allowed",
                '/' when path[i - 1] == '/' => "empty node name specified",
                '.' when path[i - 1] == '.' && path[i - 2] == '/' && (i + 1 == path.Length || path[i + 1] == '/') => "relative paths not allowed",
                '.' when path[i - 1] == '/' && (i + 1 == path.Length || path[i + 1] == '/') => "relative paths not allowed",
                _ when c is > '\u0000' and <= '\u001f' or >= '\u007f' and <= '\u009F' or >= '\ud800' and <= '\uf8ff' or >= '\ufff0' and <= '\uffff' => "invalid character",
                _ => null,
            };
            if (reason is not null)
            {
                return $"Invalid path string \"{path}\" caused by {reason} @{i}";
            }
        }
        return null;
    }

    /// <summary>The parent path: "/" for a top-level node. The root has no parent.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? Root : path[..slash];
    }

    /// <summary>The last segment of the path.</summary>
    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Child(string parent, string name) => parent == Root ? Root + name : parent + "/" + name;

    /// <summary>The path and each of its ancestors, deepest first, ending with "/".</summary>
    public static IEnumerable<string> SelfAndAncestors(string path)
    {
        var current = path;
        while (true)
        {
            yield return current;
            if (current == Root)
            {
                yield break;
            }
            current = Parent(current);
        }
    }

    /// <summary>The ancestors of <paramref name="path"/>, nearest first, ending with "/"; none for the root.</summary>
    public static IEnumerable<string> SelectAndAncestorsExceptSelf(string path) => SelfAndAncestors(path).Skip(1);
}
