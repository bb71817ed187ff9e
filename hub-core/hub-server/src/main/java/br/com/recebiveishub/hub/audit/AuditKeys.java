package br.com.recebiveishub.hub.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The hub's audit signing key: an Ed25519 key pair generated on first start under
 * {@code ${hub.data-dir}/keys/} — {@code audit-ed25519.key} (PKCS#8 PEM, permissions 600) and
 * {@code audit-ed25519.pub} (X.509 SubjectPublicKeyInfo PEM). The key id is the first 16 hex digits
 * of SHA-256 over the public key's DER encoding.
 *
 * <p>Every {@code *.pub} file in the directory is a trusted verification key, so a retired key's
 * public half kept there (e.g. renamed {@code retired-<keyid>.pub}) still verifies the checkpoints
 * it signed after a rotation (docs/audit-guide.md, "Keys").
 */
@Component
public class AuditKeys {

    private static final Logger log = LoggerFactory.getLogger(AuditKeys.class);
    static final String PRIVATE_FILE = "audit-ed25519.key";
    static final String PUBLIC_FILE = "audit-ed25519.pub";

    private final Path dir;
    private KeyPair current;
    private String currentId;
    private Map<String, PublicKey> trusted;

    public AuditKeys(@Value("${hub.data-dir:.hub}") String dataDir) {
        this.dir = Path.of(dataDir).toAbsolutePath().normalize().resolve("keys");
    }

    /** Loads the key pair at start-up, generating it on the first start. */
    @PostConstruct
    void init() {
        synchronized (this) {
            load();
        }
    }

    /** @return the key directory */
    public Path directory() {
        return dir;
    }

    /** @return the current key's id */
    public synchronized String keyId() {
        load();
        return currentId;
    }

    /** @return the current public key as PEM (SubjectPublicKeyInfo) */
    public synchronized String publicKeyPem() {
        load();
        return pem("PUBLIC KEY", current.getPublic().getEncoded());
    }

    /** @return the trusted verification keys by id (the current one and any kept retired ones) */
    public synchronized Map<String, PublicKey> trustedKeys() {
        load();
        return trusted;
    }

    /** Signs with the current key; returns the base64 signature. */
    synchronized String sign(byte[] message) {
        load();
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(current.getPrivate());
            s.update(message);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint", e);
        }
    }

    /** @return whether {@code signature} (base64) is a valid signature of {@code message} by the trusted key {@code keyId} */
    boolean verify(String keyId, byte[] message, String signature) {
        PublicKey key = trustedKeys().get(keyId);
        if (key == null || signature == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** @return the key id of a public key: first 16 hex digits of SHA-256 of its DER encoding */
    static String keyIdOf(PublicKey key) {
        return AuditContent.sha256Hex(key.getEncoded()).substring(0, 16);
    }

    private void load() {
        if (current != null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Path priv = dir.resolve(PRIVATE_FILE);
            Path pub = dir.resolve(PUBLIC_FILE);
            if (!Files.exists(priv)) {
                generate(priv, pub);
            }
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(priv))));
            PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(pub))));
            current = new KeyPair(publicKey, privateKey);
            currentId = keyIdOf(publicKey);
            Map<String, PublicKey> keys = new LinkedHashMap<>();
            keys.put(currentId, publicKey);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted().toList()) {
                    try {
                        PublicKey k = kf.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(p))));
                        keys.putIfAbsent(keyIdOf(k), k);
                    } catch (GeneralSecurityException | IllegalArgumentException e) {
                        log.warn("Ignoring unreadable public key {}: {}", p.getFileName(), e.getMessage());
                    }
                }
            }
            trusted = Collections.unmodifiableMap(keys);
            log.info("Audit signing key {} ({} trusted key(s)) in {}", currentId, keys.size(), dir);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the audit signing key in " + dir, e);
        }
    }

    private static void generate(Path priv, Path pub) throws IOException, GeneralSecurityException {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path tmp = priv.resolveSibling(PRIVATE_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, pem("PRIVATE KEY", kp.getPrivate().getEncoded()), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        restrict(tmp, "rw-------");
        Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("Generated the audit signing key {} in {}", keyIdOf(kp.getPublic()), priv.getParent());
    }

    private static void restrict(Path p, String perms) throws IOException {
        try {
            Set<PosixFilePermission> set = PosixFilePermissions.fromString(perms);
            Files.setPosixFilePermissions(p, set);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: rely on the directory's protection
        }
    }

    static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    static byte[] unpem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
