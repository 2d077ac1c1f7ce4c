package dev.steward.credential;

import static org.quicktheories.generators.SourceDSL.lists;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Generators and helpers for tests of key texts; independent of the code under test where it matters. */
final class KeyTexts {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Characters that end a key: neither base62 nor, mostly, anything a key contains. */
    static final String SEPARATORS = " \n\r\t_-=:;,.\"'`/\\()[]{}<>|&!?*+#@$%^~é日\u00A0\u2028\uD83D\uDE00";
    /** Pieces of filler text: printable ASCII, white space, non-ASCII, lone surrogates and near-prefixes. */
    private static final List<String> WORDS;

    static {
        List<String> words = new ArrayList<>();
        for (char c = 0x20; c < 0x7F; c++) {
            words.add(String.valueOf(c));
        }
        for (String w : new String[] {"\n", "\r\n", "\t", "é", "ß", "日本", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u0000",
                "stw_", "stw", "stw_ak_", "stw_cs_", "STW_", "token=", "ak", "_"}) {
            words.add(w);
        }
        WORDS = List.copyOf(words);
    }

    /** A text with keys in it, and where each key starts. */
    record Embedded(String text, List<Integer> starts, List<String> keys) {
    }

    private KeyTexts() {
    }

    static Gen<CredentialType> issuedTypes() {
        return Generate.pick(List.of(CredentialType.API_KEY, CredentialType.CLIENT_SECRET));
    }

    static Gen<String> base62(int length) {
        return base62Between(length, length);
    }

    static Gen<String> base62Between(int min, int max) {
        return Generate.intArrays(Generate.range(min, max), Generate.range(0, 61)).map(digits -> {
            StringBuilder s = new StringBuilder(digits.length);
            for (int d : digits) {
                s.append(BASE62.charAt(d));
            }
            return s.toString();
        });
    }

    static Gen<String> keys() {
        return issuedTypes().zip(base62(CredentialId.LENGTH), base62(KeyFormat.SECRET_LENGTH),
                (type, id, secret) -> KeyFormat.format(type, CredentialId.of(id), secret));
    }

    static Gen<String> filler(int maxWords) {
        return lists().of(Generate.pick(WORDS)).ofSizeBetween(0, maxWords).map(w -> String.join("", w));
    }

    static Gen<String> separators() {
        return Generate.range(0, SEPARATORS.length() - 1).map(i -> String.valueOf(SEPARATORS.charAt(i)));
    }

    /**
     * Texts with keys at random places: after random text, possibly glued to base62 text, and
     * followed by a separator and more text, or by the end of the text.
     */
    static Gen<Embedded> embedded() {
        Gen<String> glued = Generate.oneOf(Generate.constant(""), base62Between(1, 4));
        Gen<String> before = filler(12).zip(glued, String::concat);
        Gen<String> after = separators().zip(filler(12), String::concat);
        Gen<String[]> piece = before.zip(keys(), after, (b, k, a) -> new String[] {b, k, a});
        return lists().of(piece).ofSizeBetween(0, 4).zip(Generate.booleans(), filler(6), (pieces, keyLast, head) -> {
            StringBuilder text = new StringBuilder(head);
            List<Integer> starts = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                String[] p = pieces.get(i);
                text.append(p[0]);
                starts.add(text.length());
                keys.add(p[1]);
                text.append(p[1]);
                if (!(keyLast && i == pieces.size() - 1)) {
                    text.append(p[2]);
                }
            }
            return new Embedded(text.toString(), starts, keys);
        });
    }

    /**
     * Texts without a key, full of near-keys each followed by a separator: the layout with a
     * random checksum (a key with probability 62^-6), a key followed by a base62 character,
     * a key with one character changed, and a key cut short.
     */
    static Gen<String> withoutKeys() {
        Gen<String> randomChecksum = issuedTypes().zip(base62(CredentialId.LENGTH), base62(KeyFormat.SECRET_LENGTH),
                base62(6), (t, id, s, c) -> "stw_" + t.keyCode().orElseThrow() + "_" + id + "_" + s + "_" + c);
        Gen<String> continued = keys().zip(base62Between(1, 3), String::concat);
        Gen<String> mutated = keys().zip(Generate.range(0, KeyFormat.LENGTH - 1), Generate.range(0x20, 0x2FFF),
                (k, i, c) -> k.charAt(i) == c ? k.substring(0, i) : k.substring(0, i) + (char) (int) c + k.substring(i + 1));
        Gen<String> cut = keys().zip(Generate.range(0, KeyFormat.LENGTH - 1), (k, n) -> k.substring(0, n));
        Gen<String> nearKey = Generate.oneOf(randomChecksum, continued, mutated, cut);
        Gen<String> piece = filler(10).zip(nearKey, separators(), (f, k, s) -> f + k + s);
        return lists().of(piece).ofSizeBetween(0, 5).zip(filler(10), (pieces, tail) -> String.join("", pieces) + tail);
    }

    /** @return {@code body + "_" + checksum}, the checksum computed here independently of {@link KeyFormat} */
    static String withChecksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return body + "_" + new String(digits);
    }

    /** A reader that hands out at most {@code chunk} characters per read. */
    static Reader chunked(String text, int chunk) {
        return new Reader() {
            private int position;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (position == text.length()) {
                    return -1;
                }
                int n = Math.min(Math.min(length, chunk), text.length() - position);
                text.getChars(position, position + n, buffer, offset);
                position += n;
                return n;
            }

            @Override
            public void close() {
                position = text.length();
            }
        };
    }
}
