package dev.steward;

import static dev.steward.ReviewCampaignTest.itemFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.IssuedCredential;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewCycleSpec;
import dev.steward.review.ReviewDecision;
import dev.steward.review.ReviewReport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cycle report and its JSON, CSV and HTML exports. */
class ReviewReportTest {
    private final Fixture f = new Fixture();
    private final Identity alice = f.human("alice");
    private final Identity bob = f.human("bob");
    private final Identity secops = f.human("secops");
    private final Identity bot = f.steward.identities().approve(f.steward.identities().register(
            IdentitySpec.agent("bot").owner(alice.id()).expiresIn(Duration.ofDays(30))
                    .purpose("triage"), alice.asActor()).id(), bob.asActor(), "T-1");
    private final Grant read = f.grant(bot, "repo:read", "github:acme/**", bob);
    private final Grant write = f.grant(bot, "repo:write", "github:acme/**", bob);
    private final IssuedCredential key = f.steward.credentials().issue(CredentialSpec.apiKey(bot.id())
            .name("ci"), alice.asActor());

    @AfterEach
    void close() {
        f.close();
    }

    private ReviewReport decidedReport() {
        ReviewCycle cycle = f.steward.reviews().open(ReviewCycleSpec.named("Q1 <agents> & co")
                .fallbackReviewer(secops.id()), Fixture.HR);
        f.clock.advance(Duration.ofHours(2));
        f.steward.reviews().decide(itemFor(f, cycle, read.id().value()).id(), ReviewDecision.CERTIFY, alice.asActor(),
                "=SUM(A1) needed, \"really\"");
        f.clock.advance(Duration.ofHours(2));
        f.steward.reviews().decide(itemFor(f, cycle, write.id().value()).id(), ReviewDecision.REVOKE, alice.asActor(),
                "not used <script>alert(1)</script>");
        return f.steward.reviews().report(cycle.id());
    }

    @Test
    @DisplayName("the report counts decisions, reviewers, time to decision, revocations and undecided items")
    void counts() {
        ReviewReport r = decidedReport();
        assertThat(r.total()).isEqualTo(4);
        assertThat(r.count(ReviewDecision.CERTIFY)).isEqualTo(1);
        assertThat(r.count(ReviewDecision.REVOKE)).isEqualTo(1);
        assertThat(r.pending()).isEqualTo(2);
        assertThat(r.revocationsApplied()).isEqualTo(1);
        assertThat(r.timeToDecision().decided()).isEqualTo(2);
        assertThat(r.timeToDecision().median()).contains(Duration.ofHours(2));
        assertThat(r.timeToDecision().max()).contains(Duration.ofHours(4));
        assertThat(r.reviewers()).singleElement().satisfies(t -> {
            assertThat(t.reviewer()).isEqualTo(alice.id());
            assertThat(t.assigned()).isEqualTo(4);
            assertThat(t.certified()).isEqualTo(1);
            assertThat(t.revoked()).isEqualTo(1);
            assertThat(t.undecided()).isEqualTo(2);
        });
    }

    @Test
    @DisplayName("JSON export: summary, reviewers and items; fingerprints only, never key material")
    void json() throws Exception {
        ReviewReport r = decidedReport();
        JsonNode root = new ObjectMapper().readTree(r.toJson());
        assertThat(root.at("/summary/items").asLong()).isEqualTo(4);
        assertThat(root.at("/summary/decisions/REVOKE").asLong()).isEqualTo(1);
        assertThat(root.at("/reviewers/0/reviewer").asText()).isEqualTo(alice.id().value());
        assertThat(root.at("/items").size()).isEqualTo(4);
        String secret = new String(key.secret().chars());
        assertThat(r.toJson()).contains(key.credential().fingerprint()).doesNotContain(secret)
                .doesNotContain(key.credential().verifier());
        assertThat(r.toCsv()).doesNotContain(secret).doesNotContain(key.credential().verifier());
        assertThat(r.toHtml()).doesNotContain(secret).doesNotContain(key.credential().verifier());
    }

    @Test
    @DisplayName("CSV export: RFC 4180 quoting and formula cells neutralised")
    void csv() {
        String csv = decidedReport().toCsv();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).startsWith("item,kind,subject,");
        assertThat(csv).contains("\"'=SUM(A1) needed, \"\"really\"\"\"");
        assertThat(csv).contains("API_KEY 'ci' " + key.credential().fingerprint());
        assertThat(csv).doesNotContain(",=");
    }

    @Test
    @DisplayName("HTML export: self-contained (inline style and SVG, no script, no external resource), all text escaped")
    void html() {
        String html = decidedReport().toHtml();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "<style>", "Q1 &lt;agents&gt; &amp; co")
                .contains("default-src 'none'");
        assertThat(html).contains("not used &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContain("<script", "src=", "href=", "Q1 <agents>");
    }
}
