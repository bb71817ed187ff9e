package br.com.recebiveishub.testkit.pix;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for mutual-TLS tests, made fresh at each run (nothing secret is ever committed):
 * a CA, certificates it signs for a server ({@code localhost}, {@code 127.0.0.1}) and for clients,
 * written as PKCS#12 files a client loads as it would load the real ones a PSP issues.
 *
 * <p>{@link #foreign(Path)} makes a second, unrelated CA, for "a certificate the PSP does not
 * trust" tests.
 */
public final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    /** Password of every file this class writes (throwaway material). */
    public static final char[] PASSWORD = "changeit".toCharArray();

    private final Path dir;
    private final String name;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(Path dir, String name) {
        this.dir = dir;
        this.name = name;
        try {
            Files.createDirectories(dir);
            this.caKeys = keyPair();
            X500Name subject = new X500Name("CN=" + name + " test CA,O=Recebiveis Hub tests");
            X509v3CertificateBuilder b = builder(subject, subject, caKeys, Duration.ofDays(2));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
            this.ca = sign(b, caKeys);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the test CA", e);
        }
    }

    /** A new CA whose files go under {@code dir}. */
    public static TestPki create(Path dir) {
        return new TestPki(dir, "pix");
    }

    /** Another CA nobody trusts, for negative tests. */
    public static TestPki foreign(Path dir) {
        return new TestPki(dir.resolve("foreign"), "foreign");
    }

    /** @return the CA certificate */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** Writes a truststore holding this CA only. */
    public Path truststore() {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", ca);
            return write(ts, name + "-truststore.p12");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Issues a server certificate for localhost and 127.0.0.1 (also usable as a TLS client, as PSPs do for webhooks). */
    public Path server(String cn) {
        return issue(cn, true);
    }

    /** Issues a client certificate whose subject CN is {@code cn} (the PSP binds it to the OAuth2 client id). */
    public Path client(String cn) {
        return issue(cn, false);
    }

    private Path issue(String cn, boolean server) {
        try {
            KeyPair keys = keyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                    new javax.security.auth.x500.X500Principal("CN=" + cn + ",O=Recebiveis Hub tests"), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            if (server) {
                b.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            } else {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            }
            X509Certificate cert = sign(b, caKeys);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(cn, keys.getPrivate(), PASSWORD, new Certificate[] {cert, ca});
            return write(ks, name + "-" + cn + ".p12");
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + cn, e);
        }
    }

    /**
     * An SSL context presenting {@code keystore} and trusting {@code truststore}.
     *
     * @param keystore   PKCS#12 written by this class, or null to present no certificate
     */
    public static SSLContext sslContext(Path keystore, Path truststore) {
        try {
            KeyManagerFactory kmf = null;
            if (keystore != null) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(keystore)) {
                    ks.load(in, PASSWORD);
                }
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, PASSWORD);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(truststore)) {
                ts.load(in, PASSWORD);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the SSL context", e);
        }
    }

    private Path write(KeyStore ks, String file) throws IOException, GeneralSecurityException {
        Path p = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, PASSWORD);
        }
        return p;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner s = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }
}
