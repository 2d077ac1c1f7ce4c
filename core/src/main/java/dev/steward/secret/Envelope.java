package dev.steward.secret;

import dev.steward.SecretIntegrityException;
import dev.steward.ValidationException;
import dev.steward.spi.SecretRef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The stored form of one encrypted value, laid out as {@link EncryptingSecretBackend} documents.
 * Parsing checks every length before it reads, so a malformed blob fails as a
 * {@link SecretIntegrityException} and never as an index or buffer exception.
 */
final class Envelope {
    static final byte FORMAT_VERSION = 1;
    static final int MAX_KEY_ID_BYTES = 1024;
    private static final int MAX_U16 = 0xFFFF;
    private static final byte[] MAGIC = {'S', 'T', 'W'};
    private static final byte[] DOMAIN = "steward/secret-envelope/v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretRef ref;
    private final byte[] blob;
    private final String kekId;
    private final byte[] wrappedKey;
    private final int headerLength;

    private Envelope(SecretRef ref, byte[] blob, String kekId, byte[] wrappedKey, int headerLength) {
        this.ref = ref;
        this.blob = blob;
        this.kekId = kekId;
        this.wrappedKey = wrappedKey;
        this.headerLength = headerLength;
    }

    /** @return the envelope of {@code plaintext} encrypted under {@code dataKey} for {@code ref} */
    static byte[] seal(SecretRef ref, String kekId, byte[] wrappedKey, SecretKey dataKey, byte[] plaintext) {
        byte[] id = kekId.getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_KEY_ID_BYTES || hasControl(kekId)) {
            throw new ValidationException("kek.keyId",
                    "must be 1 to " + MAX_KEY_ID_BYTES + " bytes of UTF-8 without control characters");
        }
        if (wrappedKey == null || wrappedKey.length == 0 || wrappedKey.length > MAX_U16) {
            throw new ValidationException("kek.wrap", "must return 1 to " + MAX_U16 + " bytes");
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(7 + id.length + wrappedKey.length);
        header.writeBytes(MAGIC);
        header.write(FORMAT_VERSION);
        writeU16(header, id.length);
        header.writeBytes(id);
        writeU16(header, wrappedKey.length);
        header.writeBytes(wrappedKey);
        byte[] head = header.toByteArray();
        byte[] nonce = AesGcm.random(AesGcm.NONCE_BYTES);
        byte[] sealed = AesGcm.seal(dataKey, nonce, aad(ref, head, head.length), plaintext);
        return ByteBuffer.allocate(head.length + nonce.length + sealed.length).put(head).put(nonce).put(sealed)
                .array();
    }

    /**
     * @throws SecretIntegrityException if {@code blob} is not a well-formed envelope
     */
    static Envelope parse(SecretRef ref, byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        if (in.remaining() < MAGIC.length + 1
                || !Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC)) {
            throw new SecretIntegrityException(ref, null, "stored value is not a Steward secret envelope");
        }
        in.position(MAGIC.length);
        int format = in.get() & 0xFF;
        if (format != FORMAT_VERSION) {
            throw new SecretIntegrityException(ref, null, "envelope format version " + format + " is not supported");
        }
        int idLength = readU16(ref, null, in);
        if (idLength == 0 || idLength > MAX_KEY_ID_BYTES) {
            throw new SecretIntegrityException(ref, null, "envelope key id length is out of range");
        }
        String kekId = decodeKeyId(ref, readBytes(ref, null, in, idLength));
        int wrappedLength = readU16(ref, kekId, in);
        if (wrappedLength == 0) {
            throw new SecretIntegrityException(ref, kekId, "envelope wrapped data key is empty");
        }
        byte[] wrapped = readBytes(ref, kekId, in, wrappedLength);
        if (in.remaining() < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
            throw new SecretIntegrityException(ref, kekId, "envelope is truncated");
        }
        return new Envelope(ref, blob, kekId, wrapped, in.position());
    }

    /** @return the id of the key-encryption key that wrapped the data key */
    String kekId() {
        return kekId;
    }

    /** @return the wrapped data key */
    byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    /**
     * @return the plaintext; the caller wipes it
     * @throws GeneralSecurityException if the ciphertext, header or reference is not authentic
     */
    byte[] open(SecretKey dataKey) throws GeneralSecurityException {
        byte[] nonce = Arrays.copyOfRange(blob, headerLength, headerLength + AesGcm.NONCE_BYTES);
        int offset = headerLength + AesGcm.NONCE_BYTES;
        return AesGcm.open(dataKey, nonce, aad(ref, blob, headerLength), blob, offset, blob.length - offset);
    }

    /** Domain, reference and header: a blob moved to another reference or re-labelled fails. */
    private static byte[] aad(SecretRef ref, byte[] header, int headerLength) {
        byte[] path = ref.path().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(DOMAIN.length + 1 + path.length + 1 + headerLength).put(DOMAIN).put((byte) 0)
                .put(path).put((byte) 0).put(header, 0, headerLength).array();
    }

    private static String decodeKeyId(SecretRef ref, byte[] bytes) {
        String id;
        try {
            id = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new SecretIntegrityException(ref, null, "envelope key id is not UTF-8");
        }
        if (hasControl(id)) {
            throw new SecretIntegrityException(ref, null, "envelope key id contains control characters");
        }
        return id;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static void writeU16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static int readU16(SecretRef ref, String kekId, ByteBuffer in) {
        if (in.remaining() < 2) {
            throw new SecretIntegrityException(ref, kekId, "envelope is truncated");
        }
        return in.getShort() & MAX_U16;
    }

    private static byte[] readBytes(SecretRef ref, String kekId, ByteBuffer in, int length) {
        if (in.remaining() < length) {
            throw new SecretIntegrityException(ref, kekId, "envelope is truncated");
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
