package dev.steward.examples;

import dev.steward.audit.AuditSigners;
import dev.steward.secret.LocalKeyEncryptionKey;
import dev.steward.spi.AuditSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

/**
 * The three keys a host gives Steward: the pepper of issued-key verifiers, the key-encryption key
 * of stored secrets and the audit signing key. A store that outlives the process needs the same
 * keys on every start: keys issued before must still verify, secrets stored before must still
 * decrypt, and checkpoints signed before must verify with the one public key. The examples keep
 * them in a properties file readable by its owner only; a host keeps them in its key management
 * system.
 */
final class HostKeys {
    private static final String[] NAMES = {"pepper", "kek", "audit-signing-key"};

    private final byte[][] keys;

    private HostKeys(byte[][] keys) {
        this.keys = keys;
    }

    /** @return new random keys, kept nowhere */
    static HostKeys random() {
        SecureRandom random = new SecureRandom();
        byte[][] keys = new byte[NAMES.length][32];
        for (byte[] key : keys) {
            random.nextBytes(key);
        }
        return new HostKeys(keys);
    }

    /**
     * @param file the key file
     * @return the keys in it, or new random ones written to it (owner-only) if it does not exist
     */
    static HostKeys loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                }
                byte[][] keys = new byte[NAMES.length][];
                for (int i = 0; i < NAMES.length; i++) {
                    String value = p.getProperty(NAMES[i]);
                    if (value == null) {
                        throw new IllegalStateException(file + " lacks " + NAMES[i]);
                    }
                    keys[i] = Base64.getDecoder().decode(value);
                }
                return new HostKeys(keys);
            }
            HostKeys created = random();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Properties p = new Properties();
            for (int i = 0; i < NAMES.length; i++) {
                p.setProperty(NAMES[i], Base64.getEncoder().encodeToString(created.keys[i]));
            }
            Files.createFile(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "Steward examples: host keys. Keep them secret; a real host keeps them in its KMS.");
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the host keys in " + file, e);
        }
    }

    byte[] pepper() {
        return keys[0];
    }

    LocalKeyEncryptionKey kek(String keyId) {
        return LocalKeyEncryptionKey.aes256(keyId, keys[1]);
    }

    AuditSigner signer() {
        return AuditSigners.ed25519(keys[2]);
    }

    /** Overwrites the keys: the Steward built from them holds its own copies. */
    void wipe() {
        for (byte[] key : keys) {
            Arrays.fill(key, (byte) 0);
        }
    }
}
