package dev.steward.internal.audit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte buffer that writes the primitives of the canonical encoding (see
 * {@link AuditCodec}). Not thread-safe: {@link AuditCodec} keeps one per thread and reuses it.
 */
final class CanonicalBuffer {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int INITIAL_CAPACITY = 512;
    // A thread that once hashed a huge event should not hold on to its buffer for ever.
    private static final int MAX_RETAINED_CAPACITY = 64 * 1024;
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;
    private boolean loneSurrogate;

    /** Empties the buffer for the next encoding. */
    void reset() {
        if (bytes.length > MAX_RETAINED_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
        }
        size = 0;
        loneSurrogate = false;
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** @return whether a string written since the last reset held an unpaired surrogate */
    boolean sawLoneSurrogate() {
        return loneSurrogate;
    }

    void u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void i32(int value) {
        ensure(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    void i64(long value) {
        ensure(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    void raw(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    /**
     * Writes a 4-byte length and the string's UTF-8 bytes. An unpaired surrogate, which UTF-8
     * cannot express, is written in its 3-byte generalized form (as in WTF-8) so that distinct
     * strings never share an encoding; {@link #sawLoneSurrogate()} reports it.
     */
    void str(String value) {
        int length = value.length();
        // At most 3 bytes per UTF-16 unit (a surrogate pair of 2 units takes 4 bytes).
        ensure(4 + 3L * length);
        int lengthAt = size;
        int at = size + 4;
        byte[] b = bytes;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xC0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                b[at++] = (byte) (0xF0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3F);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | cp & 0x3F);
            } else {
                loneSurrogate |= Character.isSurrogate(c);
                b[at++] = (byte) (0xE0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        INT.set(b, lengthAt, at - lengthAt - 4);
        size = at;
    }

    private void ensure(long extra) {
        long needed = size + extra;
        if (needed > bytes.length) {
            if (needed > MAX_CAPACITY) {
                throw new IllegalArgumentException("audit record too large to encode: " + needed + " bytes");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(MAX_CAPACITY, Math.max(needed, 2L * bytes.length)));
        }
    }
}
