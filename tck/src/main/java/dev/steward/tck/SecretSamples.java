package dev.steward.tck;

import dev.steward.spi.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** Values the secret-backend kit writes, and ways to read them back. */
final class SecretSamples {
    private SecretSamples() {
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a version's value and wipes the version. */
    static byte[] bytes(SecretVersion version) {
        try (version) {
            return version.value();
        }
    }

    /** Reads a version's value as UTF-8 text and wipes the version. */
    static String text(SecretVersion version) {
        return new String(bytes(version), StandardCharsets.UTF_8);
    }

    /** @return the 256 byte values, 0 to 255, in order */
    static byte[] everyByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    /** @return the numbers 1 to n, in order */
    static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
    }

    /** @return reproducible pseudo-random bytes */
    static byte[] random(int length) {
        byte[] out = new byte[length];
        new Random(length).nextBytes(out);
        return out;
    }
}
