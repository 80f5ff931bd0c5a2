using System.Buffers;
using System.Text;
using System.Text.Unicode;
using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Parsing;

/// <summary>Reads a file as strict UTF-8 and parses it in the syntax its extension names.</summary>
internal static class DocumentReader
{
    public static string ReadText(string path) => ReadText(path, path);

    /// <summary>Reads a file; <paramref name="displayName"/> is how messages name it.</summary>
    public static string ReadText(string path, string displayName)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ConfigException($"Configuration file not found: {displayName}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ConfigException($"Cannot read configuration file {displayName}: {e.Message}", e);
        }
        return DecodeUtf8(bytes, displayName);
    }

    /// <summary>HOCON files must be valid UTF-8; an invalid byte is a parse error at its line and column.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string sourceName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
            return new string(chars, 0, written);
        var prefix = bytes[..read];
        var line = prefix.Count((byte)'\n') + 1;
        var lineStart = prefix.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(prefix[lineStart..]) + 1;
        throw new HoconParseException(sourceName, line, column, "the file is not valid UTF-8");
    }

    public static RawObject ParseRaw(string text, HoconSource source, HoconSyntax syntax, ParseSession session, string[] prefix, string? fullPath)
    {
        if (fullPath is not null)
            session.Enter(fullPath);
        try
        {
            var origin = new HoconOrigin(source.Name, 0, 0);
            return syntax switch
            {
                HoconSyntax.Json => RawObject.FromResolved(JsonReader.Read(text, source.Name), origin),
                HoconSyntax.Properties => RawObject.FromResolved(PropertiesReader.Read(text, source.Name), origin),
                _ => HoconParser.Parse(text, source, session, prefix),
            };
        }
        finally
        {
            if (fullPath is not null)
                session.Leave();
        }
    }
}
