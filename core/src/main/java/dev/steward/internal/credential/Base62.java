package dev.steward.internal.credential;

import java.util.Arrays;
import java.util.Random;

/** Base62 text for ids, secrets and checksums of issued keys: the digits {@code 0-9A-Za-z}, in that order. */
public final class Base62 {
    /** The 62 digits in value order. */
    public static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGITS[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Base62() {
    }

    /**
     * {@return the digit's value 0..61, or -1 if {@code c} is not a base62 digit}
     *
     * @param c a character
     */
    public static int digit(int c) {
        return c >= 0 && c < 128 ? DIGITS[c] : -1;
    }

    /**
     * {@return uniformly random base62 text}
     *
     * @param random the source of randomness
     * @param length how many digits
     */
    public static String random(Random random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(62));
        }
        return new String(out);
    }

    /**
     * {@return whether every character of the range is a base62 digit}
     *
     * @param s a text
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     */
    public static boolean isBase62(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isBase62(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return whether the character is a base62 digit}
     *
     * @param c a character
     */
    public static boolean isBase62(char c) {
        // A table lookup: random base62 text defeats branch prediction on three ranges.
        return c < 128 && DIGITS[c] >= 0;
    }

    /**
     * {@return {@code value} as exactly {@code width} base62 digits, most significant first}
     *
     * @param value a non-negative value that fits the width
     * @param width how many digits
     */
    public static String fixed(long value, int width) {
        char[] out = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }
}
