using System.Globalization;
using System.Text;
using Akka.Configuration;

namespace ZabActors.Transport;

/// <summary>
/// The HOCON of the peer transport: the embedded defaults (<c>reference.conf</c>: the
/// <c>zab.transport</c> settings and the serializer bindings) and the Akka.Remote section of a peer
/// port (untrusted mode, frame size, TLS with mutual authentication, the throttler for tests).
/// </summary>
public static class TransportConfig
{
    /// <summary>This project's <c>reference.conf</c>.</summary>
    public static Config Defaults { get; } = Load();

    /// <summary><paramref name="config"/> over this project's defaults; use it for every system that runs a <see cref="PeerTransportActor"/>.</summary>
    public static Config WithDefaults(Config config) => (config ?? Config.Empty).WithFallback(Defaults);

    /// <summary>
    /// The <c>akka.remote</c> section for a peer port, as text. Untrusted mode is always on: no remote
    /// deployment, no actor selection, no remote DeathWatch or other system messages from peers.
    /// </summary>
    public static string RemoteHocon(PeerEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        text.AppendLine("akka.actor.provider = remote");
        text.AppendLine("akka.remote.untrusted-mode = on");
        text.AppendLine("akka.remote.dot-netty.tcp {");
        text.AppendLine(CultureInfo.InvariantCulture, $"  hostname = {Quote(options.Hostname)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  port = {options.Port}");
        if (options.PublicHostname is { } publicHostname)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  public-hostname = {Quote(publicHostname)}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"  maximum-frame-size = {options.MaximumFrameBytes}b");
        if (options.Throttler)
        {
            text.AppendLine("  applied-adapters = [trttl]");
        }
        AppendTls(text, options.Tls);
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary><see cref="RemoteHocon"/> parsed, over this project's defaults.</summary>
    public static Config Remote(PeerEndpointOptions options) => WithDefaults(ConfigurationFactory.ParseString(RemoteHocon(options)));

    private static void AppendTls(StringBuilder text, PeerTlsOptions? tls)
    {
        if (tls is null)
        {
            text.AppendLine("  enable-ssl = off");
            return;
        }
        text.AppendLine("  enable-ssl = on");
        text.AppendLine("  ssl {");
        text.AppendLine(CultureInfo.InvariantCulture, $"    certificate.path = {Quote(tls.CertificatePath)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    certificate.password = {Quote(tls.CertificatePassword)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    require-mutual-authentication = {OnOff(tls.RequireMutualAuthentication)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    suppress-validation = {OnOff(tls.SuppressValidation)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    validate-certificate-hostname = {OnOff(tls.ValidateCertificateHostname)}");
        text.AppendLine("  }");
    }

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static Config Load()
    {
        using var stream = typeof(TransportConfig).Assembly.GetManifestResourceStream("ZabActors.Transport.reference.conf")
            ?? throw new InvalidOperationException("ZabActors.Transport.reference.conf is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}

/// <summary>Where a peer's Akka.Remote listens and how (see <see cref="TransportConfig.RemoteHocon"/>).</summary>
public sealed record PeerEndpointOptions(string Hostname, int Port)
{
    /// <summary>The name other peers use for this one, when it differs from the bind address.</summary>
    public string? PublicHostname { get; init; }

    /// <summary>Akka.Remote's maximum-frame-size; larger packets (a SNAP) are chunked to fit it.</summary>
    public int MaximumFrameBytes { get; init; } = 128000;

    /// <summary>TLS for the peer port; null for plain TCP.</summary>
    public PeerTlsOptions? Tls { get; init; }

    /// <summary>Applies Akka's throttler adapter (<c>trttl</c>) so tests can blackhole a link; addresses then use <c>akka.trttl.tcp</c>.</summary>
    public bool Throttler { get; init; }
}

/// <summary>
/// TLS of the peer port: a PKCS#12 file with the node's certificate and key. With mutual authentication
/// (the default) a peer must present a certificate too, so a process without one cannot talk to it.
/// </summary>
public sealed record PeerTlsOptions(string CertificatePath, string CertificatePassword)
{
    public bool RequireMutualAuthentication { get; init; } = true;

    /// <summary>Skips chain validation: only for self-signed test certificates.</summary>
    public bool SuppressValidation { get; init; }

    public bool ValidateCertificateHostname { get; init; }
}
