package dev.steward.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.steward.identity.IdentityId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report's exports: JSON, CSV (RFC 4180, guarded against formula injection) and a
 * self-contained HTML page (inline CSS, inline SVG chart, no script, every text escaped). Items
 * carry no secret material, so neither do the exports.
 */
final class ReportFormats {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> CSV_HEADER = List.of("item", "kind", "subject", "subject_kind",
            "subject_owner", "target", "summary", "risks", "last_used_at", "use_count", "reviewer", "forwarded_from",
            "status", "decision", "decided_by", "decided_at", "comment", "new_owner", "revoked_at", "flagged",
            "reminders", "escalated_at");
    /** How many items the HTML page lists; the CSV and JSON list them all. */
    private static final int HTML_ITEMS = 500;

    private ReportFormats() {
    }

    /**
     * @param r a report
     * @return it as one JSON document
     */
    static String json(ReviewReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode cycle = root.putObject("cycle");
        ReviewCycle c = r.cycle();
        cycle.put("id", c.id().value()).put("name", c.name()).put("origin", c.origin().name())
                .put("status", c.status().name()).put("createdBy", c.createdBy().value())
                .put("openedAt", c.openedAt().toString()).put("dueAt", c.dueAt().toString())
                .put("closedAt", text(c.closedAt())).put("undecidedPolicy", c.undecided().name())
                .put("revocation", c.revocation().name());
        ObjectNode summary = root.putObject("summary");
        summary.put("generatedAt", r.generatedAt().toString()).put("items", r.total()).put("pending", r.pending())
                .put("lapsed", r.lapsed()).put("flagged", r.flagged()).put("unassigned", r.unassigned())
                .put("revocationsApplied", r.revocationsApplied()).put("revocationsPending", r.revocationsPending());
        ObjectNode byKind = summary.putObject("itemsByKind");
        for (ReviewItemKind k : ReviewItemKind.values()) {
            byKind.put(k.name(), r.byKind().getOrDefault(k, 0L));
        }
        ObjectNode decisions = summary.putObject("decisions");
        for (ReviewDecision d : ReviewDecision.values()) {
            decisions.put(d.name(), r.count(d));
        }
        ObjectNode times = summary.putObject("timeToDecision");
        times.put("decided", r.timeToDecision().decided()).put("median", text(r.timeToDecision().median()))
                .put("p90", text(r.timeToDecision().p90())).put("max", text(r.timeToDecision().max()));
        ArrayNode reviewers = root.putArray("reviewers");
        for (ReviewReport.ReviewerTally t : r.reviewers()) {
            reviewers.addObject().put("reviewer", t.reviewer().value()).put("assigned", t.assigned())
                    .put("certified", t.certified()).put("revoked", t.revoked()).put("reassigned", t.reassigned())
                    .put("undecided", t.undecided()).put("medianTimeToDecision", text(t.medianTimeToDecision()));
        }
        ArrayNode items = root.putArray("items");
        for (ReviewItem item : r.items()) {
            ObjectNode n = items.addObject();
            List<String> cells = row(item);
            for (int i = 0; i < CSV_HEADER.size(); i++) {
                n.put(CSV_HEADER.get(i), cells.get(i));
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serializes", e);
        }
    }

    /**
     * @param r a report
     * @return one CSV row per item, with a header row, lines ending in CRLF
     */
    static String csv(ReviewReport r) {
        StringBuilder out = new StringBuilder();
        csvLine(out, CSV_HEADER);
        for (ReviewItem item : r.items()) {
            csvLine(out, row(item));
        }
        return out.toString();
    }

    private static List<String> row(ReviewItem i) {
        return List.of(i.id().value(), i.kind().name(), i.subject().value(), i.subjectKind().name(),
                id(i.subjectOwner()), i.target(), i.summary(),
                i.risks().stream().map(ReviewRisk::name).sorted().collect(Collectors.joining(" ")),
                text(i.lastUsedAt()), Long.toString(i.useCount()), id(i.reviewer()), id(i.forwardedFrom()),
                i.status().name(), i.decision().map(ReviewDecision::name).orElse(""), id(i.decidedBy()),
                text(i.decidedAt()), i.comment(), id(i.newOwner()), text(i.revokedAt()), Boolean.toString(i.flagged()),
                Integer.toString(i.remindersSent()), text(i.escalatedAt()));
    }

    private static void csvLine(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(csvCell(cells.get(i)));
        }
        out.append("\r\n");
    }

    /**
     * Quotes a cell per RFC 4180 when it holds a comma, quote or line break; a cell a spreadsheet
     * would evaluate (starting with {@code = + - @}, tab or carriage return) gets a leading apostrophe.
     *
     * @param value the cell's text
     * @return the cell as written
     */
    static String csvCell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /**
     * @param text any text
     * @return it with the five HTML special characters escaped
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&#39;");
                    break;
                default:
                    b.append(ch);
            }
        }
        return b.toString();
    }

    /**
     * @param r a report
     * @return a self-contained HTML page: summary, chart of outcomes, reviewers, items
     */
    static String html(ReviewReport r) {
        ReviewCycle c = r.cycle();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>Access review: ").append(escape(c.name())).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;")
                .append("margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}")
                .append("th{background:#f3f3f3}td.n{text-align:right}.muted{color:#666}</style></head><body>\n");
        h.append("<h1>Access review: ").append(escape(c.name())).append("</h1>\n<p class=\"muted\">Cycle ")
                .append(escape(c.id().value())).append(" · ").append(escape(c.origin().name())).append(" · ")
                .append(escape(c.status().name())).append(" · opened ").append(escape(c.openedAt().toString()))
                .append(" by ").append(escape(c.createdBy().value())).append(" · due ")
                .append(escape(c.dueAt().toString())).append(c.closedAt().map(t -> " · closed " + escape(t.toString()))
                        .orElse(""))
                .append(" · report of ").append(escape(r.generatedAt().toString())).append("</p>\n");
        h.append("<h2>Summary</h2>\n<table>");
        summaryRow(h, "items", r.total());
        for (ReviewItemKind k : ReviewItemKind.values()) {
            summaryRow(h, "· " + k.name().toLowerCase(Locale.ROOT), r.byKind().getOrDefault(k, 0L));
        }
        for (ReviewDecision d : ReviewDecision.values()) {
            summaryRow(h, "decided " + d.name(), r.count(d));
        }
        summaryRow(h, "pending", r.pending());
        summaryRow(h, "left undecided at close", r.lapsed());
        summaryRow(h, "· kept and flagged", r.flagged());
        summaryRow(h, "unassigned", r.unassigned());
        summaryRow(h, "revocations applied", r.revocationsApplied());
        summaryRow(h, "revocations deferred to close", r.revocationsPending());
        h.append("<tr><th>time to decision (median / p90 / max)</th><td class=\"n\">")
                .append(escape(text(r.timeToDecision().median()))).append(" / ")
                .append(escape(text(r.timeToDecision().p90()))).append(" / ")
                .append(escape(text(r.timeToDecision().max()))).append("</td></tr></table>\n");
        chart(h, r);
        h.append("<h2>Reviewers</h2>\n<table><tr><th>reviewer</th><th>assigned</th><th>certified</th>")
                .append("<th>revoked</th><th>reassigned</th><th>undecided</th><th>median time</th></tr>\n");
        for (ReviewReport.ReviewerTally t : r.reviewers()) {
            h.append("<tr><td>").append(escape(t.reviewer().value())).append("</td>");
            for (long n : new long[] {t.assigned(), t.certified(), t.revoked(), t.reassigned(), t.undecided()}) {
                h.append("<td class=\"n\">").append(n).append("</td>");
            }
            h.append("<td>").append(escape(text(t.medianTimeToDecision()))).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Items</h2>\n");
        if (r.items().size() > HTML_ITEMS) {
            h.append("<p class=\"muted\">The first ").append(HTML_ITEMS).append(" of ").append(r.items().size())
                    .append(" items; the CSV and JSON exports list every item.</p>\n");
        }
        h.append("<table><tr>");
        for (String col : List.of("item", "kind", "subject", "summary", "risks", "last used", "uses", "reviewer",
                "status", "decision", "by", "comment", "revoked")) {
            h.append("<th>").append(col).append("</th>");
        }
        h.append("</tr>\n");
        for (ReviewItem i : r.items().subList(0, Math.min(HTML_ITEMS, r.items().size()))) {
            h.append("<tr>");
            for (String cell : List.of(i.id().value(), i.kind().name(), i.subject().value(), i.summary(),
                    new TreeSet<>(i.risks()).toString(), text(i.lastUsedAt()), Long.toString(i.useCount()),
                    id(i.reviewer()), i.status().name() + (i.flagged() ? " (flagged)" : ""),
                    i.decision().map(ReviewDecision::name).orElse(""), id(i.decidedBy()), i.comment(),
                    text(i.revokedAt()))) {
                h.append("<td>").append(escape(cell)).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n</body></html>\n").toString();
    }

    private static void summaryRow(StringBuilder h, String label, long n) {
        h.append("<tr><th>").append(escape(label)).append("</th><td class=\"n\">").append(n).append("</td></tr>");
    }

    /** A horizontal bar chart of the outcomes, as inline SVG. */
    private static void chart(StringBuilder h, ReviewReport r) {
        List<String> labels = List.of("certified", "revoked", "reassigned", "pending", "lapsed");
        long[] values = {r.count(ReviewDecision.CERTIFY), r.count(ReviewDecision.REVOKE),
            r.count(ReviewDecision.REASSIGN), r.pending(), r.lapsed()};
        String[] colors = {"#2e7d32", "#c62828", "#1565c0", "#9e9e9e", "#ef6c00"};
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        int rowHeight = 26;
        h.append("<h2>Outcomes</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"560\" height=\"")
                .append(rowHeight * values.length + 10).append("\" role=\"img\" aria-label=\"outcomes of the review\">");
        for (int i = 0; i < values.length; i++) {
            int y = 5 + i * rowHeight;
            long width = Math.round(360.0 * values[i] / max);
            h.append("<text x=\"0\" y=\"").append(y + 16).append("\" font-size=\"13\">").append(labels.get(i))
                    .append("</text><rect x=\"100\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"20\" fill=\"").append(colors[i]).append("\"/><text x=\"")
                    .append(106 + width).append("\" y=\"").append(y + 16).append("\" font-size=\"13\">")
                    .append(values[i]).append("</text>");
        }
        h.append("</svg>\n");
    }

    private static String id(Optional<IdentityId> id) {
        return id.map(IdentityId::value).orElse("");
    }

    private static String text(Optional<?> value) {
        if (value.isEmpty()) {
            return "";
        }
        Object v = value.get();
        if (v instanceof Duration) {
            return words((Duration) v);
        }
        return v instanceof Instant ? v.toString() : String.valueOf(v);
    }

    /** A duration for people: {@code 2d 3h 4m}, {@code 45s}. */
    private static String words(Duration d) {
        long days = d.toDays();
        int hours = d.toHoursPart();
        int minutes = d.toMinutesPart();
        if (days == 0 && hours == 0 && minutes == 0) {
            return d.toSecondsPart() + "s";
        }
        return (days > 0 ? days + "d " : "") + (days > 0 || hours > 0 ? hours + "h " : "") + minutes + "m";
    }
}
