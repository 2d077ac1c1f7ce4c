package dev.steward.internal.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks the verifiers of issued keys: HMAC-SHA-256 keyed with the host's pepper, or
 * plain SHA-256 when the host sets none (the keys carry 256 random bits, so a plain hash cannot be
 * reversed; the pepper adds protection should the store leak together with weak keys from
 * elsewhere). Comparison is constant-time. Thread-safe.
 */
public final class KeyHasher {
    private static final String HMAC = "hmac-sha256:";
    private static final String SHA = "sha256:";

    private final byte[] pepper;
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(KeyHasher::sha256);

    /** @param pepper the HMAC key, or {@code null} for plain SHA-256; copied */
    public KeyHasher(byte[] pepper) {
        this.pepper = pepper == null ? null : pepper.clone();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide HmacSHA256", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /**
     * @param secret the secret part of an issued key
     * @return its verifier, tagged with the algorithm
     */
    public String verifier(String secret) {
        return (pepper == null ? SHA : HMAC) + HexFormat.of().formatHex(digest(secret));
    }

    /**
     * @param secret the presented secret part
     * @param verifier the stored verifier
     * @return whether they match, compared in constant time
     */
    public boolean matches(String secret, String verifier) {
        String tag = pepper == null ? SHA : HMAC;
        if (!verifier.startsWith(tag) || verifier.length() != tag.length() + 64) {
            return false;
        }
        byte[] expected = HexFormat.of().parseHex(verifier, tag.length(), verifier.length());
        return MessageDigest.isEqual(digest(secret), expected);
    }

    private byte[] digest(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.US_ASCII);
        return pepper == null ? digests.get().digest(bytes) : macs.get().doFinal(bytes);
    }
}
