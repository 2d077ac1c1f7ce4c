package dev.steward.internal.credential;

import dev.steward.credential.CredentialType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Issued keys as bytes: their layout (specified in {@code KeyFormat}), the checksum, the
 * fingerprint, and finding and masking them in text. Depends on nothing of Steward's but
 * {@link CredentialType}, so that the exception root can mask keys in every message without
 * depending on the classes that throw.
 */
public final class KeyText {
    /** The prefix of every issued key. */
    public static final String PREFIX = "stw_";
    /** The length of every issued key. */
    public static final int LENGTH = 80;
    /** The length of a key's secret part. */
    public static final int SECRET_LENGTH = 43;
    /** What stands before a fingerprint where a key was masked. */
    public static final String REDACTED_PREFIX = "redacted-key:";
    /** Where the two-letter type code starts. */
    public static final int CODE = 4;
    /** Where the credential id starts. */
    public static final int ID = 7;
    /** The length of the credential id. */
    public static final int ID_LENGTH = 22;
    /** Where the secret starts. */
    public static final int SECRET = ID + ID_LENGTH + 1;
    /** Where the checksummed part ends: the index of the last {@code _}. */
    public static final int CHECKED = SECRET + SECRET_LENGTH;
    /** Where the checksum starts. */
    public static final int CHECKSUM = CHECKED + 1;

    private static final String FINGERPRINT_PREFIX = "sha256:";
    private static final int FINGERPRINT_BYTES = 6;
    private static final CredentialType[] ISSUED =
            Arrays.stream(CredentialType.values()).filter(CredentialType::isIssued).toArray(CredentialType[]::new);
    private static final byte[][] CODES = new byte[ISSUED.length][];

    static {
        for (int i = 0; i < ISSUED.length; i++) {
            CODES[i] = ISSUED[i].keyCode().orElseThrow().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private KeyText() {
    }

    /** Receives each key a scan finds. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Called once per key found.
         *
         * @param start where the key starts in the text
         * @param type its type
         * @param key its {@value #LENGTH} bytes, valid only during the call
         */
        void found(int start, CredentialType type, byte[] key);
    }

    /**
     * {@return the fingerprint of a key's bytes: {@code sha256:} and the first 12 lowercase hex
     * digits of their SHA-256}
     *
     * @param key the key's bytes
     */
    public static String fingerprint(byte[] key) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        byte[] digest = sha256.digest(key);
        return FINGERPRINT_PREFIX + HexFormat.of().formatHex(digest, 0, FINGERPRINT_BYTES);
    }

    /**
     * Copies {@value #LENGTH} characters from {@code from} into {@code key}, ASCII as is and
     * anything else as a byte that is neither base62 nor {@code _}.
     *
     * @param text the text
     * @param from where the candidate starts
     * @param key where its bytes go
     */
    public static void copy(CharSequence text, int from, byte[] key) {
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(from + i);
            key[i] = c < 0x80 ? (byte) c : (byte) '?';
        }
    }

    /**
     * {@return the type if the bytes are a well-formed key with a valid checksum, else {@code null}}
     *
     * @param key {@value #LENGTH} bytes, as {@link #copy} writes them
     */
    public static CredentialType check(byte[] key) {
        if (key[0] != 's' || key[1] != 't' || key[2] != 'w' || key[3] != '_' || key[CODE + 2] != '_'
                || key[SECRET - 1] != '_' || key[CHECKED] != '_') {
            return null;
        }
        CredentialType type = typeOf(key[CODE], key[CODE + 1]);
        if (type == null || !isBase62(key, ID, SECRET - 1) || !isBase62(key, SECRET, CHECKED)) {
            return null;
        }
        long checksum = 0;
        for (int i = CHECKSUM; i < LENGTH; i++) {
            int digit = Base62.digit(key[i]);
            if (digit < 0) {
                return null;
            }
            checksum = checksum * 62 + digit;
        }
        return checksum == crc(key) ? type : null;
    }

    /**
     * {@return the CRC-32 of the checksummed part of a key}
     *
     * @param key the key's bytes; those before {@link #CHECKED} count
     */
    public static long crc(byte[] key) {
        CRC32 crc = new CRC32();
        crc.update(key, 0, CHECKED);
        return crc.getValue();
    }

    /**
     * Reports every key that starts in {@code window}. If {@code complete} is false, more text
     * may follow, so it stops at the first candidate whose end it cannot see yet.
     *
     * @param window the text
     * @param complete whether the text ends here
     * @param key a buffer of {@value #LENGTH} bytes
     * @param sink receives the keys
     * @return where the next window must start: the undecided candidate, or the last characters
     *     that may begin a prefix
     */
    public static int scanWindow(String window, boolean complete, byte[] key, Sink sink) {
        int length = window.length();
        int start = window.indexOf(PREFIX);
        while (start >= 0) {
            int end = start + LENGTH;
            if (end >= length && !complete) {
                return start;
            }
            if (end <= length && (end == length || Base62.digit(window.charAt(end)) < 0)) {
                copy(window, start, key);
                CredentialType type = check(key);
                if (type != null) {
                    sink.found(start, type, key);
                }
            }
            // "stw_" cannot overlap itself, so the next one starts after this prefix.
            start = window.indexOf(PREFIX, start + PREFIX.length());
        }
        return Math.max(0, length - (PREFIX.length() - 1));
    }

    /**
     * Replaces every key in a text with {@value #REDACTED_PREFIX} and its fingerprint. Cheap when
     * there is nothing to mask: a text shorter than a key, or without the prefix, is returned as it
     * is, without a full scan.
     *
     * @param text the text, or null
     * @return the text with every key replaced; {@code text} itself if it holds none (or is null)
     */
    public static String redact(String text) {
        if (text == null || text.length() < LENGTH || text.indexOf(PREFIX) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int[] cursor = {0};
        scanWindow(text, true, new byte[LENGTH], (start, type, key) -> {
            // Overlapping keys are each replaced; nothing of either is copied.
            out.append(text, Math.min(cursor[0], start), start);
            out.append(REDACTED_PREFIX).append(fingerprint(key));
            cursor[0] = Math.max(cursor[0], start + LENGTH);
        });
        return cursor[0] == 0 ? text : out.append(text, cursor[0], text.length()).toString();
    }

    private static CredentialType typeOf(byte first, byte second) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i][0] == first && CODES[i][1] == second) {
                return ISSUED[i];
            }
        }
        return null;
    }

    private static boolean isBase62(byte[] key, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Base62.digit(key[i]) < 0) {
                return false;
            }
        }
        return true;
    }
}
