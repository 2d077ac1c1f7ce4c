package dev.steward.credential;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret material in a buffer that can be wiped. {@code toString}, {@code equals} and
 * {@code hashCode} never reveal it; read it with {@link #chars()} or {@link #utf8()} and wipe
 * it with {@link #close()} as soon as it has been used. Not thread-safe.
 */
public final class Secret implements AutoCloseable {
    private final char[] value;
    private boolean wiped;

    private Secret(char[] value) {
        this.value = value;
    }

    /**
     * @param value the secret's characters; copied, so the caller should wipe its own array
     * @return a holder of a copy
     */
    public static Secret of(char[] value) {
        return new Secret(Objects.requireNonNull(value, "value").clone());
    }

    /**
     * @param utf8 the secret's UTF-8 bytes
     * @return a holder of the decoded characters
     * @throws dev.steward.ValidationException if the bytes are not UTF-8
     */
    public static Secret ofUtf8(byte[] utf8) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return new Secret(out);
        } catch (CharacterCodingException e) {
            throw new dev.steward.ValidationException("secret", "must be UTF-8");
        }
    }

    /** @return a copy of the characters; wipe it after use */
    public char[] chars() {
        requireLive();
        return value.clone();
    }

    /** @return the UTF-8 bytes; wipe them after use */
    public byte[] utf8() {
        requireLive();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        if (bytes.hasArray()) {
            Arrays.fill(bytes.array(), (byte) 0);
        }
        return out;
    }

    /** @return the number of characters */
    public int length() {
        return value.length;
    }

    /** @return whether {@link #close()} has wiped the buffer */
    public boolean isWiped() {
        return wiped;
    }

    /** Overwrites the buffer with zeros; later reads fail. */
    @Override
    public void close() {
        Arrays.fill(value, '\0');
        wiped = true;
    }

    private void requireLive() {
        if (wiped) {
            throw new IllegalStateException("the secret was wiped");
        }
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
