package dev.steward.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stories' default store is an H2 file: a second run sees what the first stored, its clock
 * continues after the first run's last event, and the audit log, signed with the kept key,
 * verifies across both runs.
 */
class PersistentWorldTest {
    @Test
    void theSecondRunSeesWhatTheFirstStored(@TempDir Path data) throws Exception {
        World.Earlier first = run(data).world();
        assertThat(first.auditEvents()).as("a new store").isZero();
        assertThat(first.identities()).isZero();

        Run again = run(data);
        World.Earlier second = again.world();
        assertThat(second.identities()).as("the first run's identities").isPositive();
        assertThat(second.auditEvents()).as("the first run's audit events").isPositive();
        assertThat(second.auditVerified()).as("the log signed by the first run verifies in the second").isTrue();

        assertThat(again.outcomes().story2().trail()).as("a rerun's trail of a call shows that run's events only")
                .hasSize(2);

        World.Earlier third = run(data).world();
        assertThat(third.identities()).isEqualTo(2 * second.identities());
        assertThat(third.auditEvents()).isGreaterThan(2 * second.auditEvents() - 1);
        assertThat(third.auditVerified()).isTrue();

        assertThat(Files.getPosixFilePermissions(data.resolve("host-keys.properties")))
                .as("the host keys are readable by their owner only")
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    /** What one run found on the store, and what its stories showed. */
    private record Run(World.Earlier world, Scenarios.Outcomes outcomes) {
    }

    private static Run run(Path data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (World world = World.onH2(data)) {
            Scenarios.Outcomes outcomes = Scenarios.runAll(new PrintStream(buffer, true, StandardCharsets.UTF_8), world);
            return new Run(world.earlier(), outcomes);
        }
    }
}
