package dev.steward.credential;

import dev.steward.ValidationException;
import dev.steward.internal.credential.Base62;
import dev.steward.internal.credential.KeyText;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The text of the keys Steward issues. This description is the specification that third-party
 * secret scanners implement; it does not change within a major version.
 *
 * <h2>Layout</h2>
 * An issued key is exactly {@value #LENGTH} ASCII characters:
 * <pre>{@code
 * stw_<code>_<credentialId>_<secret>_<checksum>
 *
 * offset  length  part
 *      0       4  "stw_" (the prefix)
 *      4       2  code: the type's two-letter key code, "ak" (API_KEY) or "cs" (CLIENT_SECRET)
 *      6       1  "_"
 *      7      22  credentialId: base62, the credential's id (128 random bits)
 *     29       1  "_"
 *     30      43  secret: base62, uniformly random (43 * log2(62) = 256.03 bits of entropy)
 *     73       1  "_"
 *     74       6  checksum: base62
 * }</pre>
 * The base62 alphabet is {@code 0-9A-Za-z} in that order (digit values 0 to 61).
 *
 * <h2>Checksum</h2>
 * The checksum is the CRC-32 (IEEE 802.3, reflected polynomial {@code 0xEDB88320}, initial value
 * and final XOR {@code 0xFFFFFFFF}: the CRC of zlib and {@link CRC32}) of the first 73 characters
 * as ASCII bytes, i.e. of {@code stw_<code>_<credentialId>_<secret>}, everything before the last
 * {@code _}. The unsigned 32-bit value is written in base62 as exactly 6 digits, most significant
 * first, padded with leading {@code 0}. A key whose checksum differs is not a key. CRC-32 detects
 * every change of a single character, so a mistyped key is never looked up.
 *
 * <h2>Test vector</h2>
 * Code {@code ak}, credential id {@code 0123456789ABCDEFGHIJKL} and secret
 * {@code MNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012} have the CRC-32 {@code 0xE9D4BB3D}, so the
 * checksum {@code 4HUe45} and the key
 * <pre>{@code stw_ak_0123456789ABCDEFGHIJKL_MNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz012_4HUe45}</pre>
 * whose {@link #fingerprint fingerprint} is {@code sha256:51f7e5c11a55}.
 *
 * <h2>Finding keys in text</h2>
 * A scanner finds each occurrence of {@code stw_} followed by the layout above, with a valid
 * checksum, that is not immediately followed by a base62 character (else it is part of a longer
 * token). What precedes the key does not matter ({@code token=stw_...} and {@code xstw_...} both
 * contain a key). As a regular expression for a first pass, before the checksum is checked:
 * <pre>{@code stw_(ak|cs)_[0-9A-Za-z]{22}_[0-9A-Za-z]{43}_[0-9A-Za-z]{6}(?![0-9A-Za-z])}</pre>
 * {@link SecretScanner} implements this without a regular expression.
 */
public final class KeyFormat {
    /** The prefix of every issued key. */
    public static final String PREFIX = KeyText.PREFIX;
    /** The length of every issued key, in characters. */
    public static final int LENGTH = KeyText.LENGTH;
    /** The length of the secret part, in base62 characters. */
    public static final int SECRET_LENGTH = KeyText.SECRET_LENGTH;

    private KeyFormat() {
    }

    /**
     * A key taken apart by {@link #parse(CharSequence)}. {@code toString} leaves the secret out.
     *
     * @param type the issued type its code names
     * @param id the credential's id
     * @param secret the 43-character secret
     */
    public record ParsedKey(CredentialType type, CredentialId id, String secret) {
        /**
         * Checks that the parts make a key.
         *
         * @param type the issued type its code names
         * @param id the credential's id
         * @param secret the 43-character secret
         */
        public ParsedKey {
            Objects.requireNonNull(id, "id");
            requireIssued(type);
            requireSecret(secret);
        }

        /** @return the key's text, as {@link KeyFormat#format} writes it */
        public String key() {
            return format(type, id, secret);
        }

        @Override
        public String toString() {
            return "ParsedKey[type=" + type + ", id=" + id + ", secret=redacted]";
        }
    }

    /**
     * @param random the source of randomness, normally a shared {@link SecureRandom}
     * @return a new uniformly random secret of {@value #SECRET_LENGTH} base62 characters
     */
    public static String newSecret(SecureRandom random) {
        return Base62.random(Objects.requireNonNull(random, "random"), SECRET_LENGTH);
    }

    /**
     * @param type an issued type ({@link CredentialType#isIssued()})
     * @param id the credential's id
     * @param secret {@value #SECRET_LENGTH} base62 characters, normally from {@link #newSecret}
     * @return the key's text
     * @throws ValidationException if the type is not issued or the secret is not well formed
     */
    public static String format(CredentialType type, CredentialId id, String secret) {
        Objects.requireNonNull(id, "id");
        String code = requireIssued(type);
        requireSecret(secret);
        byte[] key = new byte[LENGTH];
        put(PREFIX, key, 0);
        put(code, key, KeyText.CODE);
        key[KeyText.CODE + 2] = '_';
        put(id.value(), key, KeyText.ID);
        key[KeyText.SECRET - 1] = '_';
        put(secret, key, KeyText.SECRET);
        key[KeyText.CHECKED] = '_';
        long crc = KeyText.crc(key);
        for (int i = LENGTH - 1; i >= KeyText.CHECKSUM; i--) {
            key[i] = (byte) Base62.ALPHABET.charAt((int) (crc % 62));
            crc /= 62;
        }
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    /**
     * Takes a presented key apart. Never throws: any input that is not exactly one well-formed
     * key with a valid checksum (including {@code null}, surrounding white space, other
     * characters) gives an empty result.
     *
     * @param presented the text presented as a key
     * @return the key's parts, if it is a key
     */
    public static Optional<ParsedKey> parse(CharSequence presented) {
        if (presented == null || presented.length() != LENGTH) {
            return Optional.empty();
        }
        byte[] key;
        if (presented instanceof String s) {
            // A character beyond Latin-1 becomes '?', a surrogate pair one '?' (so fewer bytes).
            key = s.getBytes(StandardCharsets.ISO_8859_1);
        } else {
            key = new byte[LENGTH];
            KeyText.copy(presented, 0, key);
        }
        CredentialType type = key.length == LENGTH ? KeyText.check(key) : null;
        if (type == null) {
            return Optional.empty();
        }
        return Optional.of(new ParsedKey(type, idOf(key), new String(key, KeyText.SECRET, SECRET_LENGTH,
                StandardCharsets.ISO_8859_1)));
    }

    /**
     * A short, non-reversible fingerprint of a key, safe to log: {@code sha256:} and the first
     * 12 lowercase hex digits of the SHA-256 of the key's UTF-8 bytes (its ASCII bytes, for a key).
     *
     * @param key the key's text
     * @return the 19-character fingerprint
     */
    public static String fingerprint(CharSequence key) {
        return KeyText.fingerprint(Objects.requireNonNull(key, "key").toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return the credential id in a key that {@link #check} accepted */
    static CredentialId idOf(byte[] key) {
        return new CredentialId(new String(key, KeyText.ID, CredentialId.LENGTH, StandardCharsets.ISO_8859_1));
    }

    private static void put(String ascii, byte[] key, int at) {
        for (int i = 0; i < ascii.length(); i++) {
            key[at + i] = (byte) ascii.charAt(i);
        }
    }

    private static String requireIssued(CredentialType type) {
        if (type == null || !type.isIssued()) {
            throw new ValidationException("type", "must be a type Steward issues (API_KEY or CLIENT_SECRET)");
        }
        return type.keyCode().orElseThrow();
    }

    private static void requireSecret(String secret) {
        if (secret == null || secret.length() != SECRET_LENGTH || !Base62.isBase62(secret, 0, SECRET_LENGTH)) {
            throw new ValidationException("secret", "must be " + SECRET_LENGTH + " base62 characters");
        }
    }
}
