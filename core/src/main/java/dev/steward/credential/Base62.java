package dev.steward.credential;

import java.util.Arrays;
import java.util.Random;

/** Base62 text for ids, secrets and checksums of issued keys. */
final class Base62 {
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static final byte[] DIGITS = new byte[128];

    static {
        Arrays.fill(DIGITS, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            DIGITS[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private Base62() {
    }

    /** @return the digit's value 0..61, or -1 if {@code c} is not a base62 digit */
    static int digit(int c) {
        return c >= 0 && c < 128 ? DIGITS[c] : -1;
    }

    static String random(Random random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET.charAt(random.nextInt(62));
        }
        return new String(out);
    }

    static boolean isBase62(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isBase62(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isBase62(char c) {
        // A table lookup: random base62 text defeats branch prediction on three ranges.
        return c < 128 && DIGITS[c] >= 0;
    }

    /** @return {@code value} as exactly {@code width} base62 digits, most significant first */
    static String fixed(long value, int width) {
        char[] out = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v % 62));
            v /= 62;
        }
        return new String(out);
    }
}
