package dev.steward.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.steward.ValidationException;
import dev.steward.internal.audit.AuditJson;
import dev.steward.internal.audit.LogVerifier;
import dev.steward.internal.audit.MalformedRecordException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The audit log as JSON Lines, for auditors and archives. This javadoc specifies the form to the
 * byte, so that an auditor's own tool can read it; {@link AuditChain} specifies what the hashes
 * and signatures cover.
 *
 * <h2>Lines</h2>
 * One JSON object (RFC 8259) per line, in chain order for events, each line ending with one
 * {@code \n} (LF, also after the last line); an empty log is an empty file. The writers write
 * characters to a {@link Writer}: store them as UTF-8, without a byte order mark. A line holds no
 * whitespace outside strings: no space after {@code :} or {@code ,}, none around braces, no
 * indentation. Fields appear in the order listed below; a field marked optional is left out when
 * absent (never {@code null}); no other field appears.
 *
 * <h2>Event fields</h2>
 * <table>
 *   <caption>event line fields, in order</caption>
 *   <tr><th>field</th><th>JSON type</th><th>value</th></tr>
 *   <tr><td>{@code sequence}</td><td>number</td><td>integer, decimal digits, {@code -} only if
 *       negative, no leading zeros, fraction or exponent</td></tr>
 *   <tr><td>{@code id}</td><td>string</td><td>the event id</td></tr>
 *   <tr><td>{@code at}</td><td>string</td><td>UTC time as {@link java.time.Instant#toString()}
 *       writes it: {@code 2026-01-05T09:00:00Z}, with a fraction of 3, 6 or 9 digits only when the
 *       nanoseconds are not zero ({@code 2026-01-05T09:00:00.120Z})</td></tr>
 *   <tr><td>{@code action}</td><td>string</td><td>{@link AuditAction} constant name</td></tr>
 *   <tr><td>{@code outcome}</td><td>string</td><td>{@link AuditOutcome} constant name</td></tr>
 *   <tr><td>{@code actor}</td><td>string</td><td>identity id</td></tr>
 *   <tr><td>{@code onBehalfOf}</td><td>array of strings</td><td>identity ids, nearest first;
 *       {@code []} when empty</td></tr>
 *   <tr><td>{@code targetType}</td><td>string</td><td></td></tr>
 *   <tr><td>{@code targetId}</td><td>string</td><td></td></tr>
 *   <tr><td>{@code reason}</td><td>string</td><td></td></tr>
 *   <tr><td>{@code correlationId}</td><td>string, optional</td><td>left out when absent</td></tr>
 *   <tr><td>{@code details}</td><td>object of strings</td><td>{@code {}} when empty; keys in
 *       ascending UTF-16 code unit order ({@link String#compareTo}); note that the canonical
 *       encoding sorts them by code point, which differs only when keys hold characters above
 *       U+FFFF</td></tr>
 *   <tr><td>{@code previousHash}</td><td>string</td><td>64 lowercase hex characters</td></tr>
 *   <tr><td>{@code hash}</td><td>string</td><td>64 lowercase hex characters</td></tr>
 * </table>
 *
 * <h2>Checkpoint fields</h2>
 * {@code sequence} (number, as above), {@code hash} (string, 64 lowercase hex characters),
 * {@code at} (string, as above), {@code keyId} (string, see {@link AuditChain}), {@code algorithm}
 * (string, {@code Ed25519}), {@code signature} (string, standard base64 with padding), in that
 * order, in the order the store holds them (by sequence).
 *
 * <h2>Strings</h2>
 * Between double quotes, {@code "} is written {@code \"} and {@code \} is written {@code \\};
 * the control characters U+0008, U+0009, U+000A, U+000C and U+000D are written {@code \b},
 * {@code \t}, {@code \n}, {@code \f} and {@code \r}; every other character below U+0020 is
 * written <code>&#92;u00XX</code> with two uppercase hex digits (U+001F is <code>&#92;u001F</code>). Every other
 * character, {@code /}, U+007F, U+2028, U+2029 and all non-ASCII characters included, is written
 * as itself, never as an escape.
 *
 * <p>A sample event line (wrapped here; it is one line, and the pinned test of this form checks it):
 * <pre>
 * {"sequence":0,"id":"ae-0","at":"2026-01-05T09:00:00Z","action":"IDENTITY_REGISTERED",
 * "outcome":"SUCCESS","actor":"system:hr","onBehalfOf":[],"targetType":"identity",
 * "targetId":"id-1","reason":"registered","details":{},
 * "previousHash":"0000000000000000000000000000000000000000000000000000000000000000",
 * "hash":"825dd7544dada6bd4a2c855b32244b8a18817ab0df26cbc654a13ffb7f1858a1"}
 * </pre>
 *
 * <h2>Reading</h2>
 * Readers accept a line only in exactly the form written here (LF, CRLF or CR line ends aside),
 * so any change to a line's bytes is reported at that line. Writers and readers are not closed.
 *
 * <pre>{@code
 * try (Reader events = Files.newBufferedReader(eventsFile);
 *      Reader checkpoints = Files.newBufferedReader(checkpointsFile)) {
 *     AuditVerification result = AuditExport.verifyJsonLines(events, checkpoints, publicKey);
 * }
 * }</pre>
 */
public final class AuditExport {
    private AuditExport() {
    }

    /**
     * @param events the events to write, in order
     * @param out where to write them; flushed, not closed
     * @throws UncheckedIOException if writing fails
     */
    public static void writeJsonLines(List<AuditEvent> events, Writer out) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(out, "out");
        try (JsonGenerator g = AuditJson.generator(out)) {
            for (AuditEvent e : events) {
                AuditJson.write(g, Objects.requireNonNull(e, "event"));
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("audit export failed", e);
        }
    }

    /**
     * @param checkpoints the checkpoints to write, in order
     * @param out where to write them; flushed, not closed
     * @throws UncheckedIOException if writing fails
     */
    public static void writeCheckpoints(List<AuditCheckpoint> checkpoints, Writer out) {
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(out, "out");
        try (JsonGenerator g = AuditJson.generator(out)) {
            for (AuditCheckpoint c : checkpoints) {
                AuditJson.write(g, Objects.requireNonNull(c, "checkpoint"));
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("audit checkpoint export failed", e);
        }
    }

    /**
     * Reads events without verifying them (see {@link AuditVerifier}).
     *
     * @param in the JSON Lines of {@link #writeJsonLines}
     * @return the events, in file order
     * @throws ValidationException naming the first line (from 1) that is not an event in exported form
     * @throws UncheckedIOException if reading fails
     */
    public static List<AuditEvent> readJsonLines(Reader in) {
        Objects.requireNonNull(in, "in");
        List<AuditEvent> events = new ArrayList<>();
        eachLine(in, (i, line) -> {
            try {
                events.add(AuditJson.parseEvent(line));
            } catch (MalformedRecordException e) {
                throw new ValidationException("events line " + (i + 1), e.getMessage());
            }
            return true;
        });
        return events;
    }

    /**
     * @param in the JSON Lines of {@link #writeCheckpoints}
     * @return the checkpoints, in file order
     * @throws ValidationException naming the first line (from 1) that is not a checkpoint in exported form
     * @throws UncheckedIOException if reading fails
     */
    public static List<AuditCheckpoint> readCheckpoints(Reader in) {
        Objects.requireNonNull(in, "in");
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        eachLine(in, (i, line) -> {
            try {
                checkpoints.add(AuditJson.parseCheckpoint(line));
            } catch (MalformedRecordException e) {
                throw new ValidationException("checkpoints line " + (i + 1), e.getMessage());
            }
            return true;
        });
        return checkpoints;
    }

    /**
     * Verifies an exported hash chain alone, as {@link AuditVerifier#verify(List)} does. Streams:
     * memory does not grow with the log. Without the checkpoints, a file cut at a line end still
     * verifies: pass them to detect that.
     *
     * @param events the JSON Lines of {@link #writeJsonLines}
     * @return valid, or the first break; a line that cannot be read is
     *     {@link AuditVerification.Problem#MALFORMED} at its position (line number minus one)
     * @throws UncheckedIOException if reading fails
     */
    public static AuditVerification verifyJsonLines(Reader events) {
        Objects.requireNonNull(events, "events");
        return walk(events, Set.of(), new HashMap<>()).result();
    }

    /**
     * Verifies an exported log and its checkpoints, as
     * {@link AuditVerifier#verify(List, List, byte[])} does. Never throws for bad content. Streams
     * the events, stopping at the first break: memory grows with the number of checkpoints only.
     *
     * @param events the JSON Lines of {@link #writeJsonLines}
     * @param checkpoints the JSON Lines of {@link #writeCheckpoints}
     * @param publicKey the signer's raw 32-byte Ed25519 public key
     * @return valid, or the break at the lowest position; an event line that cannot be read is
     *     {@link AuditVerification.Problem#MALFORMED} at its position (line number minus one), a
     *     checkpoint line that cannot be read is {@code MALFORMED} without a position
     * @throws ValidationException if the public key is not a valid Ed25519 key
     * @throws UncheckedIOException if reading fails
     */
    public static AuditVerification verifyJsonLines(Reader events, Reader checkpoints, byte[] publicKey) {
        return verifyJsonLines(events, checkpoints, AuditKeys.of(publicKey));
    }

    /**
     * Verifies an exported log and its checkpoints as {@link #verifyJsonLines(Reader, Reader, byte[])}
     * does, with several trusted keys: each checkpoint must be signed by the key its key id names.
     *
     * @param events the JSON Lines of {@link #writeJsonLines}
     * @param checkpoints the JSON Lines of {@link #writeCheckpoints}
     * @param keys the trusted public keys by key id
     * @return valid, or the break at the lowest position
     * @throws UncheckedIOException if reading fails
     */
    public static AuditVerification verifyJsonLines(Reader events, Reader checkpoints, AuditKeys keys) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(keys, "keys");
        List<AuditCheckpoint> read = new ArrayList<>();
        AuditVerification unreadableCheckpoint = readCheckpoints(checkpoints, read);
        Set<Long> covered = new HashSet<>();
        read.forEach(c -> covered.add(c.sequence()));
        Map<Long, String> coveredHashes = new HashMap<>();
        LogVerifier.Walk walk = walk(events, covered, coveredHashes);
        AuditVerification result = LogVerifier.withCheckpoints(walk, coveredHashes::get, read, keys);
        return LogVerifier.earlier(result, unreadableCheckpoint);
    }

    /** Walks the events as they are read, keeping the hashes at the covered positions. */
    private static LogVerifier.Walk walk(Reader in, Set<Long> covered, Map<Long, String> coveredHashes) {
        LogVerifier.Walk walk = new LogVerifier.Walk();
        eachLine(in, (i, line) -> {
            AuditEvent e;
            try {
                e = AuditJson.parseEvent(line);
            } catch (MalformedRecordException ex) {
                walk.unreadable("events line " + (i + 1) + " (position " + i + "): " + ex.getMessage());
                return false;
            }
            if (!walk.next(e)) {
                return false;
            }
            if (covered.contains(i)) {
                coveredHashes.put(i, e.hash());
            }
            return true;
        });
        return walk;
    }

    /**
     * Reads every checkpoint line; returns the first unreadable one's problem, or valid. A
     * checkpoint that cannot be read has no trustworthy position, so it carries none.
     */
    private static AuditVerification readCheckpoints(Reader in, List<AuditCheckpoint> into) {
        AuditVerification[] problem = {AuditVerification.ok(0)};
        eachLine(in, (i, line) -> {
            try {
                into.add(AuditJson.parseCheckpoint(line));
            } catch (MalformedRecordException e) {
                problem[0] = LogVerifier.earlier(problem[0], AuditVerification.broken(
                        AuditVerification.Problem.MALFORMED, "checkpoints line " + (i + 1) + ": " + e.getMessage()));
            }
            return true;
        });
        return problem[0];
    }

    /** Streams lines, so a large export is never held twice in memory. */
    private static void eachLine(Reader in, LineHandler handler) {
        BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
        try {
            // A long: at a million events a second, a log passes 2^31 lines within the hour.
            long i = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!handler.accept(i++, line)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the audit export failed", e);
        }
    }

    @FunctionalInterface
    private interface LineHandler {
        /** @return whether to read on */
        boolean accept(long index, String line);
    }
}
