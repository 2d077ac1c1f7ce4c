package dev.steward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.steward.Steward;
import dev.steward.audit.AuditAction;
import dev.steward.audit.AuditEvent;
import dev.steward.authz.AccessRequest;
import dev.steward.authz.Decision;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantStatus;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What Steward committed on an embedded H2 file database survives a restart: a new Steward on a new
 * pool over the same file finds the identities and the grant, allows the same request, and reads an
 * audit log that still holds the earlier events (the decision included) and verifies. The audit
 * signer key is the same across the restart, as production setups supply it.
 */
class JdbcRestartDurabilityTest {
    private final Path dir = Path.of("target", "h2-restart-" + UUID.randomUUID()).toAbsolutePath();

    @AfterEach
    void deleteFiles() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private HikariDataSource pool(String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("steward") + ";LOCK_TIMEOUT=10000");
        config.setMaximumPoolSize(4);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    private static Steward steward(HikariDataSource ds) {
        JdbcSchema.builder().tablePrefix(TestDatabase.PREFIX).build().migrate(ds);
        JdbcStore store = JdbcStore.builder(ds).tablePrefix(TestDatabase.PREFIX).build();
        assertThat(store.isDurable()).as("an H2 file database is durable").isTrue();
        return People.steward(store);
    }

    @Test
    @DisplayName("identities, grants, decisions and the audit log survive closing Steward and reopening the file")
    void survivesRestart() {
        Identity bot;
        Grant read;
        AccessRequest request;
        Decision before;
        List<AuditEvent> eventsBefore;
        try (HikariDataSource first = pool("before-restart")) {
            try (Steward steward = steward(first)) {
                Identity alice = People.human(steward, "alice");
                Identity bob = People.human(steward, "bob");
                bot = People.agent(steward, "bot", alice, bob);
                read = People.grant(steward, bot, "repo:read", "github:acme/**", bob);
                request = AccessRequest.of(bot.id(), "repo:read", "github:acme/api").correlationId("call-before");
                before = steward.authorize(request);
                assertThat(before.allowed()).isTrue();
                eventsBefore = steward.audit().read(0, 1000);
            }
        }
        assertThat(Files.exists(dir.resolve("steward.mv.db"))).as("the database is a file under target/").isTrue();

        try (HikariDataSource second = pool("after-restart"); Steward steward = steward(second)) {
            assertThat(steward.identities().get(bot.id()).status()).isEqualTo(IdentityStatus.ACTIVE);
            assertThat(steward.grants().get(read.id()).status()).isEqualTo(GrantStatus.ACTIVE);
            Decision after = steward.authorize(request);
            assertThat(after.allowed()).as("the index is rebuilt from the file").isTrue();

            List<AuditEvent> events = steward.audit().read(0, 1000);
            assertThat(events.subList(0, eventsBefore.size())).as("the earlier events, unchanged")
                    .containsExactlyElementsOf(eventsBefore);
            assertThat(events).filteredOn(e -> e.action() == AuditAction.ACCESS_DECIDED)
                    .extracting(AuditEvent::id).contains(before.auditEventId(), after.auditEventId());
            assertThat(events).extracting(AuditEvent::action).contains(AuditAction.IDENTITY_REGISTERED,
                    AuditAction.IDENTITY_APPROVED, AuditAction.GRANT_REQUESTED, AuditAction.GRANT_APPROVED);
            assertThat(steward.audit().checkpoints()).as("the checkpoint signed at close is kept").isNotEmpty();
            assertThat(steward.audit().verify().valid()).isTrue();
        }
    }
}
