using System.Security.Cryptography.X509Certificates;
using Akka.Remote.Transport.DotNetty;

namespace ZabActors.Transport;

/// <summary>
/// TLS set up in code where HOCON cannot say it: Akka.Remote's HOCON validates a peer's certificate
/// only against the machine's CA store (or not at all with suppress-validation), while an ensemble
/// often uses its own certificates. <see cref="PinnedSetup"/> accepts exactly the listed certificates,
/// on both ends of every connection (mutual authentication). Pass it to <c>ActorSystem.Create</c> in
/// an <c>ActorSystemSetup</c> beside a configuration from <see cref="TransportConfig.RemoteHocon"/>
/// with <see cref="PeerEndpointOptions.Tls"/> set (that turns <c>enable-ssl</c> on).
/// </summary>
public static class PeerTls
{
    /// <param name="tls">this node's certificate file and password.</param>
    /// <param name="thumbprints">the SHA-1 thumbprints of the certificates the ensemble's servers present.</param>
    public static DotNettySslSetup PinnedSetup(PeerTlsOptions tls, params string[] thumbprints)
    {
        ArgumentNullException.ThrowIfNull(tls);
        if (thumbprints.Length == 0)
        {
            throw new ArgumentException("pinning needs at least one thumbprint", nameof(thumbprints));
        }
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.CertificatePassword);
        return new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            validateCertificateHostname: tls.ValidateCertificateHostname,
            customValidator: CertificateValidation.PinnedCertificate(thumbprints));
    }

    /// <summary>The thumbprint of the certificate in a PKCS#12 file, for the pinned list.</summary>
    public static string Thumbprint(string path, string password)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        return certificate.Thumbprint;
    }
}
