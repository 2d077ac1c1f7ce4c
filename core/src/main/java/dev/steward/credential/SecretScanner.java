package dev.steward.credential;

import dev.steward.ValidationException;
import dev.steward.internal.credential.KeyText;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the keys Steward issued in arbitrary text (logs, prompts, diffs) by their prefix, layout
 * and checksum, without a store lookup, as {@link KeyFormat} specifies: a key is found wherever it
 * starts (glued to preceding text or not) unless a base62 character follows it directly. Findings
 * name the credential to revoke and the key's fingerprint, never its secret. Overlapping keys are
 * all reported. Instances are immutable and thread-safe.
 */
public final class SecretScanner {
    /** The read buffer of {@link #create()}, in characters. */
    public static final int DEFAULT_BUFFER_CHARS = 8192;
    /** The smallest read buffer {@link #create(int)} accepts: a key and the character after it. */
    public static final int MIN_BUFFER_CHARS = KeyFormat.LENGTH + 1;

    /**
     * What {@link #redact} writes in place of a key, followed by the key's
     * {@link KeyFormat#fingerprint fingerprint}: {@code redacted-key:sha256:51f7e5c11a55}.
     */
    public static final String REDACTED_PREFIX = KeyText.REDACTED_PREFIX;

    private final int bufferChars;

    private SecretScanner(int bufferChars) {
        this.bufferChars = bufferChars;
    }

    /** @return a scanner that reads streams {@value #DEFAULT_BUFFER_CHARS} characters at a time */
    public static SecretScanner create() {
        return new SecretScanner(DEFAULT_BUFFER_CHARS);
    }

    /**
     * @param bufferChars how many characters {@link #scan(Reader)} holds at once, at least
     *     {@value #MIN_BUFFER_CHARS}; keys that cross its boundaries are found all the same
     * @return a scanner with that read buffer
     * @throws ValidationException if the buffer is smaller than {@value #MIN_BUFFER_CHARS}
     */
    public static SecretScanner create(int bufferChars) {
        if (bufferChars < MIN_BUFFER_CHARS) {
            throw new ValidationException("bufferChars", "must be at least " + MIN_BUFFER_CHARS);
        }
        return new SecretScanner(bufferChars);
    }

    /**
     * A key found in a text. Holds no secret: the credential id is not secret, the fingerprint is
     * non-reversible.
     *
     * @param start the index of the key's first character in the text
     * @param end the index after its last character ({@code start + }{@value KeyFormat#LENGTH})
     * @param type the issued type its code names
     * @param credentialId the id of the credential to revoke
     * @param fingerprint the key's {@link KeyFormat#fingerprint fingerprint}
     */
    public record Finding(int start, int end, CredentialType type, CredentialId credentialId, String fingerprint) {
        /**
         * Checks that nothing is null.
         *
         * @param start the index of the key's first character in the text
         * @param end the index after its last character ({@code start + }{@value KeyFormat#LENGTH})
         * @param type the issued type its code names
         * @param credentialId the id of the credential to revoke
         * @param fingerprint the key's {@link KeyFormat#fingerprint fingerprint}
         */
        public Finding {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /**
     * A key found in a stream, like {@link Finding} but with offsets that may pass
     * {@link Integer#MAX_VALUE}.
     *
     * @param start the offset of the key's first character, in characters from the start of the stream
     * @param end the offset after its last character ({@code start + }{@value KeyFormat#LENGTH})
     * @param type the issued type its code names
     * @param credentialId the id of the credential to revoke
     * @param fingerprint the key's {@link KeyFormat#fingerprint fingerprint}
     */
    public record StreamFinding(
            long start, long end, CredentialType type, CredentialId credentialId, String fingerprint) {
        /**
         * Checks that nothing is null.
         *
         * @param start the offset of the key's first character, in characters from the start of the stream
         * @param end the offset after its last character ({@code start + }{@value KeyFormat#LENGTH})
         * @param type the issued type its code names
         * @param credentialId the id of the credential to revoke
         * @param fingerprint the key's {@link KeyFormat#fingerprint fingerprint}
         */
        public StreamFinding {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /**
     * Finds every key in a text. A {@link String} is searched in place; any other
     * {@link CharSequence} is copied once with {@code toString()}.
     *
     * @param text the text to search
     * @return the keys found, in order of their start; unmodifiable
     */
    public List<Finding> scan(CharSequence text) {
        String s = Objects.requireNonNull(text, "text").toString();
        List<Finding> findings = new ArrayList<>(0);
        KeyText.scanWindow(s, true, new byte[KeyFormat.LENGTH], (start, type, key) -> findings.add(
                new Finding(start, start + KeyFormat.LENGTH, type, KeyFormat.idOf(key), KeyText.fingerprint(key))));
        return findings.isEmpty() ? List.of() : List.copyOf(findings);
    }

    /**
     * Replaces every key in a text with {@value #REDACTED_PREFIX} and the key's fingerprint, e.g.
     * {@code redacted-key:sha256:51f7e5c11a55}: no secret, but enough to tell which key it was (the
     * fingerprint that {@link ExposureReport}'s credential and the scanner's findings show). The
     * replacement holds only characters an {@link dev.steward.identity.IdentityId} allows and never
     * {@value KeyFormat#PREFIX}, so a redacted id is still an id and redacting twice changes nothing.
     * Cheap when there is nothing to redact: a text shorter than a key, or without the prefix, is
     * returned as it is, without a full scan.
     *
     * @param text the text to redact
     * @return the text with every key replaced; {@code text} itself if it holds none
     */
    public String redact(String text) {
        return KeyText.redact(Objects.requireNonNull(text, "text"));
    }

    /**
     * Finds every key in a stream, read to its end but not closed. Holds at most the read buffer
     * in memory, whatever the length of the stream; a key that crosses two reads is found.
     *
     * @param in the stream to search
     * @return the keys found, in order of their start; unmodifiable
     * @throws IOException if reading fails
     */
    public List<StreamFinding> scan(Reader in) throws IOException {
        Objects.requireNonNull(in, "in");
        List<StreamFinding> findings = new ArrayList<>(0);
        byte[] key = new byte[KeyFormat.LENGTH];
        char[] buffer = new char[bufferChars];
        long bufferStart = 0;
        int filled = 0;
        boolean end = false;
        while (!end) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                end = true;
            } else {
                filled += read;
            }
            if (!end && filled < buffer.length) {
                continue;
            }
            long offset = bufferStart;
            int rest = KeyText.scanWindow(new String(buffer, 0, filled), end, key, (start, type, k) -> findings.add(
                    new StreamFinding(offset + start, offset + start + KeyFormat.LENGTH, type, KeyFormat.idOf(k),
                            KeyText.fingerprint(k))));
            System.arraycopy(buffer, rest, buffer, 0, filled - rest);
            bufferStart += rest;
            filled -= rest;
        }
        return findings.isEmpty() ? List.of() : List.copyOf(findings);
    }
}
