package dev.steward.internal.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.steward.ValidationException;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditCheckpoint;
import dev.steward.audit.AuditEvent;
import dev.steward.audit.AuditEventId;
import dev.steward.audit.AuditOutcome;
import dev.steward.identity.IdentityId;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON form of audit events and checkpoints, one compact object per line, fields in a fixed
 * order. A line is read back only if it is exactly the form this class writes: then every byte of
 * a line is covered, since a change either alters the record (which the chain or a signature
 * catches) or leaves a line that is not in exported form.
 */
public final class AuditJson {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .rootValueSeparator((String) null)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> EVENT_FIELDS = Set.of("sequence", "id", "at", "action", "outcome", "actor",
            "onBehalfOf", "targetType", "targetId", "reason", "correlationId", "details", "previousHash", "hash");
    private static final Set<String> CHECKPOINT_FIELDS = Set.of("sequence", "hash", "at", "keyId", "algorithm",
            "signature");

    private AuditJson() {
    }

    /**
     * {@return a generator that writes one record after another with nothing in between}
     *
     * @param out where the lines go; not closed
     * @throws IOException if the generator cannot be made
     */
    public static JsonGenerator generator(Writer out) throws IOException {
        return FACTORY.createGenerator(out);
    }

    /**
     * Writes one event as a JSON object, without the line break.
     *
     * @param g the generator to write with
     * @param e the event
     * @throws IOException if the generator cannot write
     */
    public static void write(JsonGenerator g, AuditEvent e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("sequence", e.sequence());
        g.writeStringField("id", e.id().value());
        g.writeStringField("at", e.at().toString());
        g.writeStringField("action", e.action().name());
        g.writeStringField("outcome", e.outcome().name());
        g.writeStringField("actor", e.actor().value());
        g.writeArrayFieldStart("onBehalfOf");
        for (IdentityId id : e.onBehalfOf()) {
            g.writeString(id.value());
        }
        g.writeEndArray();
        g.writeStringField("targetType", e.targetType());
        g.writeStringField("targetId", e.targetId());
        g.writeStringField("reason", e.reason());
        if (e.correlationId().isPresent()) {
            g.writeStringField("correlationId", e.correlationId().get());
        }
        g.writeObjectFieldStart("details");
        for (Map.Entry<String, String> d : e.details().entrySet()) {
            g.writeStringField(d.getKey(), d.getValue());
        }
        g.writeEndObject();
        g.writeStringField("previousHash", e.previousHash());
        g.writeStringField("hash", e.hash());
        g.writeEndObject();
    }

    /**
     * Writes one checkpoint as a JSON object, without the line break.
     *
     * @param g the generator to write with
     * @param c the checkpoint
     * @throws IOException if the generator cannot write
     */
    public static void write(JsonGenerator g, AuditCheckpoint c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("sequence", c.sequence());
        g.writeStringField("hash", c.hash());
        g.writeStringField("at", c.at().toString());
        g.writeStringField("keyId", c.keyId());
        g.writeStringField("algorithm", c.algorithm());
        g.writeStringField("signature", c.signature());
        g.writeEndObject();
    }

    /**
     * @param line one line of an events export, without its line break
     * @return the event
     * @throws MalformedRecordException if the line is not an event in exactly its exported form
     */
    public static AuditEvent parseEvent(String line) throws MalformedRecordException {
        JsonNode n = object(line, EVENT_FIELDS);
        AuditEvent e;
        try {
            JsonNode correlation = n.get("correlationId");
            e = new AuditEvent(integer(n, "sequence"), new AuditEventId(text(n, "id")), Instant.parse(text(n, "at")),
                    AuditAction.valueOf(text(n, "action")), AuditOutcome.valueOf(text(n, "outcome")),
                    new IdentityId(text(n, "actor")), identities(n, "onBehalfOf"), text(n, "targetType"),
                    text(n, "targetId"), text(n, "reason"),
                    correlation == null ? Optional.empty() : Optional.of(text(n, "correlationId")),
                    details(n), hash(n, "previousHash"), hash(n, "hash"));
        } catch (ValidationException | IllegalArgumentException | DateTimeException ex) {
            throw new MalformedRecordException(ex.getMessage());
        }
        requireExportedForm(line, e);
        return e;
    }

    /**
     * @param line one line of a checkpoints export, without its line break
     * @return the checkpoint
     * @throws MalformedRecordException if the line is not a checkpoint in exactly its exported form
     */
    public static AuditCheckpoint parseCheckpoint(String line) throws MalformedRecordException {
        JsonNode n = object(line, CHECKPOINT_FIELDS);
        AuditCheckpoint c;
        try {
            c = new AuditCheckpoint(integer(n, "sequence"), hash(n, "hash"), Instant.parse(text(n, "at")),
                    text(n, "keyId"), text(n, "algorithm"), text(n, "signature"));
        } catch (DateTimeException ex) {
            throw new MalformedRecordException(ex.getMessage());
        }
        requireExportedForm(line, c);
        return c;
    }

    private static JsonNode object(String line, Set<String> allowed) throws MalformedRecordException {
        JsonNode n;
        try {
            n = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : n.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw new MalformedRecordException("unknown field " + field.getKey());
            }
        }
        return n;
    }

    private static void requireExportedForm(String line, Object record) throws MalformedRecordException {
        StringWriter out = new StringWriter(line.length());
        try (JsonGenerator g = generator(out)) {
            if (record instanceof AuditEvent e) {
                write(g, e);
            } else {
                write(g, (AuditCheckpoint) record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        if (!out.toString().equals(line)) {
            throw new MalformedRecordException(
                    "not in exported form (field order, spacing, escapes or timestamp format differ)");
        }
    }

    private static String text(JsonNode n, String field) throws MalformedRecordException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedRecordException(field + " must be a string");
        }
        return v.textValue();
    }

    private static String hash(JsonNode n, String field) throws MalformedRecordException {
        String hash = text(n, field);
        if (!AuditCodec.isHash(hash)) {
            throw new MalformedRecordException(field + " must be 64 lowercase hex characters");
        }
        return hash;
    }

    private static long integer(JsonNode n, String field) throws MalformedRecordException {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedRecordException(field + " must be an integer");
        }
        return v.longValue();
    }

    private static List<IdentityId> identities(JsonNode n, String field) throws MalformedRecordException {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new MalformedRecordException(field + " must be an array");
        }
        List<IdentityId> ids = new ArrayList<>(v.size());
        for (JsonNode id : v) {
            if (!id.isTextual()) {
                throw new MalformedRecordException(field + " must hold strings");
            }
            ids.add(new IdentityId(id.textValue()));
        }
        return ids;
    }

    private static Map<String, String> details(JsonNode n) throws MalformedRecordException {
        JsonNode v = n.get("details");
        if (v == null || !v.isObject()) {
            throw new MalformedRecordException("details must be an object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> d : v.properties()) {
            if (!d.getValue().isTextual()) {
                throw new MalformedRecordException("details." + d.getKey() + " must be a string");
            }
            details.put(d.getKey(), d.getValue().textValue());
        }
        return details;
    }
}
