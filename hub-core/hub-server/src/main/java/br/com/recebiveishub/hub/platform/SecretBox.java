package br.com.recebiveishub.hub.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets the hub must keep (a tenant's PSP client secret, an ERP API token) with
 * AES-256-GCM. Each value is bound to what it belongs to (associated data, e.g. tenant and plugin):
 * a ciphertext copied to another row fails to decrypt instead of handing one tenant's secret to
 * another. Output: 12-byte random nonce, then ciphertext and 16-byte tag.
 *
 * <p>The key: {@code hub.secrets.key} (base64 of 32 bytes: for production, injected from a vault or
 * KMS), else {@code <data-dir>/keys/settings-aes256.key}, created on first use with permissions 600.
 * Its id (first 16 hex digits of SHA-256 of the key) is stored beside each ciphertext, so a
 * rotated key is detected rather than producing garbage.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    static final String KEY_FILE = "settings-aes256.key";

    private final SecureRandom random = new SecureRandom();
    private final Path keyFile;
    private final String configuredKey;
    private volatile SecretKeySpec key;
    private volatile String keyId;

    public SecretBox(HubProperties props, @Value("${hub.secrets.key:}") String configuredKey) {
        this.keyFile = props.dataDir().resolve("keys").resolve(KEY_FILE);
        this.configuredKey = configuredKey;
    }

    /** @return the id of the key {@link #seal} uses */
    public String keyId() {
        load();
        return keyId;
    }

    /** Encrypts {@code plain}, bound to {@code boundTo} (which {@link #open} must be given again). */
    public byte[] seal(byte[] plain, String boundTo) {
        load();
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
    }

    /**
     * Decrypts what {@link #seal} produced for the same {@code boundTo} under key {@code keyId}.
     *
     * @throws IllegalStateException when the key is another one or the value was altered or moved
     */
    public byte[] open(byte[] sealed, String boundTo, String sealedWithKeyId) {
        load();
        if (!keyId.equals(sealedWithKeyId)) {
            throw new IllegalStateException("secret sealed with key " + sealedWithKeyId + ", the hub holds key " + keyId
                    + ": restore that key (hub.secrets.key or keys/" + KEY_FILE + ") or enter the secret again");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            c.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored secret does not decrypt: it was altered or belongs to another row", e);
        }
    }

    private synchronized void load() {
        if (key != null) {
            return;
        }
        byte[] raw;
        try {
            if (!configuredKey.isBlank()) {
                raw = Base64.getDecoder().decode(configuredKey.strip());
            } else {
                if (!Files.exists(keyFile)) {
                    Files.createDirectories(keyFile.getParent());
                    byte[] fresh = new byte[32];
                    random.nextBytes(fresh);
                    Path tmp = keyFile.resolveSibling(KEY_FILE + ".tmp");
                    Files.deleteIfExists(tmp);
                    try {
                        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } catch (UnsupportedOperationException e) {
                        Files.createFile(tmp);
                    }
                    Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    log.info("Generated the settings encryption key in {}", keyFile.getParent());
                }
                raw = Base64.getDecoder().decode(Files.readString(keyFile).strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the settings encryption key " + keyFile, e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("the settings encryption key must be 32 bytes (base64), found " + raw.length);
        }
        try {
            keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        key = new SecretKeySpec(raw, "AES");
    }
}
