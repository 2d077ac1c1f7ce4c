package dev.steward.tck;

import static dev.steward.tck.SecretSamples.text;
import static dev.steward.tck.SecretSamples.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.steward.BackendUnavailableException;
import dev.steward.ConflictException;
import dev.steward.ValidationException;
import dev.steward.spi.SecretBackend;
import dev.steward.spi.SecretBackendCapabilities;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.spi.SecretVersionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The contract of a {@link SecretBackend}, as JUnit 5 tests. A backend is done when its subclass
 * of this kit passes unchanged.
 *
 * <p>To prove a backend, add {@code steward-tck} as a test dependency and subclass the kit with a
 * factory for the backend under test:
 *
 * <pre>{@code
 * class VaultSecretBackendCompatibilityTest extends SecretBackendCompatibilityKit {
 *     @Override
 *     protected SecretBackend createBackend() {
 *         return VaultSecretBackend.create(testVault.address(), testVault.token(), "secret");
 *     }
 * }
 * }</pre>
 *
 * The kit calls {@link #createBackend()} before every test and
 * {@link #closeBackend(SecretBackend)} after it. Every test writes under references of its own
 * (see {@link #ref(String)}), so the backend need not be emptied between tests. Tests are grouped
 * by capability ({@code @Nested}) and each is named by the rule it checks; rules that depend on a
 * declared {@link SecretBackendCapabilities capability} are skipped, not failed, when the backend
 * does not declare it.
 *
 * <p>The rules in short, as the {@link SecretBackend} javadoc states them: versions of a
 * reference are numbered 1, 2, 3… with no gaps, also under concurrent writers and after deletes;
 * check-and-set compares with the latest version number (deleted versions included); deleting or
 * destroying what does not exist changes nothing; an unknown reference or version (including 0
 * and negative numbers) reads as empty; values are kept byte for byte; labels never change what is
 * stored; readers never see part of a value; a backend that cannot reach its storage fails with
 * {@link BackendUnavailableException} (see {@link #createUnreachableBackend()}).
 */
public abstract class SecretBackendCompatibilityKit {
    /** Threads the concurrency tests run at once. */
    protected static final int THREADS = 8;

    /** The backend under test, new for each test. */
    protected SecretBackend backend;

    private final String prefix = "steward-tck/" + UUID.randomUUID();

    /** @return the backend under test; called before every test */
    protected abstract SecretBackend createBackend();

    /**
     * Releases a backend after a test. Closes it if it is {@link AutoCloseable}; override to do more.
     *
     * @param backend the backend {@link #createBackend()} returned
     * @throws Exception if closing fails
     */
    protected void closeBackend(SecretBackend backend) throws Exception {
        if (backend instanceof AutoCloseable) {
            ((AutoCloseable) backend).close();
        }
    }

    /**
     * A backend of the same kind that cannot reach its storage (a closed port, a stopped server),
     * for the rule that such failures are {@link BackendUnavailableException}s; a backend that
     * cannot be unreachable (in memory) keeps the default, and that rule is skipped.
     *
     * @return a backend that cannot reach its storage, if the kind has one
     */
    protected Optional<SecretBackend> createUnreachableBackend() {
        return Optional.empty();
    }

    /**
     * @param name a name, unique within a test
     * @return a reference under a prefix no other kit instance uses
     */
    protected SecretRef ref(String name) {
        return new SecretRef(prefix + "/" + name);
    }

    @BeforeEach
    void createBackendUnderTest() {
        backend = createBackend();
    }

    @AfterEach
    void closeBackendUnderTest() throws Exception {
        if (backend != null) {
            closeBackend(backend);
        }
    }

    @Test
    @DisplayName("fixture: createBackend() gives a backend with a name and stable capabilities, holding nothing at a new reference")
    void fixtureBackendIsUsable() {
        assertThat(backend).as("createBackend()").isNotNull();
        assertThat(backend.name()).as("name()").isNotBlank();
        assertThat(backend.capabilities()).as("capabilities()").isNotNull().isEqualTo(backend.capabilities());
        SecretRef fresh = ref("fixture");
        assertThat(backend.get(fresh)).as("get of a new reference").isEmpty();
        assertThat(backend.versions(fresh)).as("versions of a new reference").isEmpty();
    }

    /** Writes unconditionally and returns the new version. */
    long put(SecretRef ref, String value) {
        return backend.put(ref, utf8(value), OptionalLong.empty());
    }

    /** @return a new reference with the values written to it unconditionally, in order */
    SecretRef written(String name, String... values) {
        SecretRef ref = ref(name);
        for (String value : values) {
            put(ref, value);
        }
        return ref;
    }

    /** Reads the latest version's value as text, if any. */
    Optional<String> read(SecretRef ref) {
        return backend.get(ref).map(SecretSamples::text);
    }

    /** Reads one version's value as text, if it is readable. */
    Optional<String> read(SecretRef ref, long version) {
        return backend.get(ref, version).map(SecretSamples::text);
    }

    List<Long> versionNumbers(SecretRef ref) {
        return backend.versions(ref).stream().map(SecretVersionInfo::version).collect(Collectors.toList());
    }

    @Nested
    @DisplayName("put, get and versions")
    class PutGetVersions {
        @Test
        @DisplayName("versions start at 1 and go up by one per write; get returns the latest, get by number that version")
        void numbering() {
            SecretRef ref = ref("numbering");
            assertThat(List.of(put(ref, "a"), put(ref, "b"), put(ref, "c"))).containsExactly(1L, 2L, 3L);
            try (SecretVersion latest = backend.get(ref).orElseThrow()) {
                assertThat(latest.version()).isEqualTo(3);
                assertThat(latest.createdAt()).isNotNull();
                assertThat(text(latest)).isEqualTo("c");
            }
            try (SecretVersion third = backend.get(ref, 3).orElseThrow()) {
                assertThat(third.version()).isEqualTo(3);
                assertThat(text(third)).isEqualTo("c");
            }
        }

        @Test
        @DisplayName("versions lists every version oldest first, none deleted or destroyed, createdAt never going back")
        void versionsMetadata() {
            SecretRef ref = written("metadata", "a", "b", "c");
            List<SecretVersionInfo> infos = backend.versions(ref);
            assertThat(infos).extracting(SecretVersionInfo::version).containsExactly(1L, 2L, 3L);
            assertThat(infos).allSatisfy(i -> {
                assertThat(i.deletedAt()).isEmpty();
                assertThat(i.destroyed()).isFalse();
            });
            for (int i = 1; i < infos.size(); i++) {
                assertThat(infos.get(i).createdAt()).isAfterOrEqualTo(infos.get(i - 1).createdAt());
            }
        }

        @Test
        @DisplayName("references are independent, also when one path is a prefix of another")
        void referencesAreIndependent() {
            SecretRef parent = written("app/db", "parent");
            SecretRef child = written("app/db/password", "child", "child-2");
            SecretRef sibling = ref("app/dbx");
            assertThat(read(parent)).contains("parent");
            assertThat(read(child)).contains("child-2");
            assertThat(read(sibling)).isEmpty();
            assertThat(versionNumbers(parent)).containsExactly(1L);
            assertThat(versionNumbers(child)).containsExactly(1L, 2L);
        }

        @Test
        @DisplayName("labels change nothing about what is stored: put with labels numbers, checks and keeps values as put does")
        void labelsAreDescriptiveOnly() {
            SecretRef ref = ref("labels");
            Map<String, String> labels = Map.of(SecretBackend.LABEL_IDENTITY, "alice@acme.example",
                    SecretBackend.LABEL_CREDENTIAL, "cred-1");
            assertThat(backend.put(ref, utf8("a"), OptionalLong.of(0), labels)).isEqualTo(1);
            assertThat(backend.put(ref, utf8("b"), OptionalLong.empty(), Map.of())).isEqualTo(2);
            assertThatThrownBy(() -> backend.put(ref, utf8("c"), OptionalLong.of(1), labels))
                    .isInstanceOf(ConflictException.class);
            assertThat(read(ref)).contains("b");
            assertThat(versionNumbers(ref)).containsExactly(1L, 2L);
        }

        @Test
        @DisplayName("the caller's array is copied on write, and a read value is a copy")
        void valuesAreCopied() {
            SecretRef ref = ref("copies");
            byte[] value = utf8("original");
            backend.put(ref, value, OptionalLong.empty());
            value[0] = 'X';
            try (SecretVersion v = backend.get(ref).orElseThrow()) {
                v.value()[0] = 'Y';
            }
            assertThat(read(ref)).contains("original");
        }
    }

    @Nested
    @DisplayName("check-and-set")
    class CheckAndSet {
        @Test
        @DisplayName("an expected version equal to the latest (0 for a new secret) writes the next version")
        void expectedLatestSucceeds() {
            SecretRef ref = ref("cas");
            assertThat(backend.put(ref, utf8("a"), OptionalLong.of(0))).isEqualTo(1);
            assertThat(backend.put(ref, utf8("b"), OptionalLong.of(1))).isEqualTo(2);
            assertThat(read(ref)).contains("b");
        }

        @Test
        @DisplayName("an expected version that is not the latest (0, stale or future) throws ConflictException and writes nothing")
        void otherExpectedVersionConflicts() {
            SecretRef ref = written("cas-stale", "a", "b");
            for (long expected : new long[] {0, 1, 3, 42}) {
                assertThatThrownBy(() -> backend.put(ref, utf8("c"), OptionalLong.of(expected)))
                        .as("expected version %d", expected).isInstanceOf(ConflictException.class);
            }
            assertThat(versionNumbers(ref)).containsExactly(1L, 2L);
            assertThat(read(ref)).contains("b");
        }

        @Test
        @DisplayName("an expected version other than 0 on a missing secret throws ConflictException and creates nothing")
        void missingSecretConflicts() {
            SecretRef ref = ref("cas-missing");
            assertThatThrownBy(() -> backend.put(ref, utf8("a"), OptionalLong.of(1)))
                    .isInstanceOf(ConflictException.class);
            assertThat(backend.versions(ref)).isEmpty();
            assertThat(backend.get(ref)).isEmpty();
        }

        @Test
        @DisplayName("a negative expected version throws ValidationException naming expectedVersion and writes nothing")
        void negativeIsInvalid() {
            SecretRef ref = ref("cas-negative");
            assertThatThrownBy(() -> backend.put(ref, utf8("a"), OptionalLong.of(-1)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("expectedVersion"));
            assertThat(backend.versions(ref)).isEmpty();
        }

        @Test
        @DisplayName("deleted versions still count: check-and-set compares with the latest number written")
        void deletedVersionsCount() {
            SecretRef ref = written("cas-deleted", "a", "b");
            backend.delete(ref, 2);
            assertThatThrownBy(() -> backend.put(ref, utf8("c"), OptionalLong.of(1)))
                    .isInstanceOf(ConflictException.class);
            assertThat(backend.put(ref, utf8("c"), OptionalLong.of(2))).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("capability flags are honoured")
    class Capabilities {
        @Test
        @DisplayName("with versioning declared, every older version stays readable after newer writes")
        void versioningKeepsOldVersions() {
            assumeTrue(backend.capabilities().versioning(), "versioning not declared");
            SecretRef ref = ref("versioning");
            for (int i = 1; i <= 5; i++) {
                put(ref, "value-" + i);
            }
            for (int i = 1; i <= 5; i++) {
                assertThat(read(ref, i)).as("version %d", i).contains("value-" + i);
            }
        }

        @Test
        @DisplayName("with soft delete declared, a deleted version keeps its metadata with deletedAt and is not destroyed")
        void softDeleteKeepsMetadata() {
            assumeTrue(backend.capabilities().softDelete(), "soft delete not declared");
            SecretRef ref = written("soft-delete", "a", "b");
            backend.delete(ref, 1);
            List<SecretVersionInfo> infos = backend.versions(ref);
            assertThat(infos).extracting(SecretVersionInfo::version).containsExactly(1L, 2L);
            assertThat(infos.get(0).deletedAt()).isPresent();
            assertThat(infos.get(0).destroyed()).isFalse();
            assertThat(infos.get(1).deletedAt()).isEmpty();
        }

        @Test
        @DisplayName("without soft delete, delete destroys the version")
        void deleteWithoutSoftDeleteDestroys() {
            assumeFalse(backend.capabilities().softDelete(), "soft delete declared");
            SecretRef ref = written("hard-delete", "a", "b");
            backend.delete(ref, 1);
            List<SecretVersionInfo> infos = backend.versions(ref);
            assertThat(infos).filteredOn(i -> i.version() == 1).allSatisfy(i -> assertThat(i.destroyed()).isTrue());
            assertThat(read(ref, 1)).isEmpty();
        }
    }

    @Nested
    @DisplayName("delete and destroy")
    class DeleteAndDestroy {
        @Test
        @DisplayName("a deleted version can no longer be read; the other versions can")
        void deletedIsUnreadable() {
            SecretRef ref = written("delete", "a", "b");
            backend.delete(ref, 1);
            assertThat(read(ref, 1)).isEmpty();
            assertThat(read(ref, 2)).contains("b");
            assertThat(read(ref)).contains("b");
        }

        @Test
        @DisplayName("after the latest version is deleted, get never returns it (with versioning: the newest readable one)")
        void deletingLatest() {
            SecretRef ref = written("delete-latest", "a", "b");
            backend.delete(ref, 2);
            assertThat(backend.get(ref).map(SecretVersion::version)).isNotEqualTo(Optional.of(2L));
            if (backend.capabilities().versioning()) {
                assertThat(read(ref)).contains("a");
            }
        }

        @Test
        @DisplayName("deleting does not free a version number: the next write gets the next number")
        void numbersAreNotReused() {
            SecretRef ref = written("delete-numbering", "a", "b");
            backend.delete(ref, 2);
            assertThat(put(ref, "c")).isEqualTo(3);
            assertThat(read(ref)).contains("c");
        }

        @Test
        @DisplayName("destroy makes every version unreadable, and metadata that remains is marked destroyed")
        void destroy() {
            SecretRef ref = written("destroy", "a", "b");
            backend.delete(ref, 1);
            backend.destroy(ref);
            assertThat(backend.get(ref)).isEmpty();
            assertThat(read(ref, 1)).isEmpty();
            assertThat(read(ref, 2)).isEmpty();
            assertThat(backend.versions(ref)).allSatisfy(i -> assertThat(i.destroyed()).isTrue());
        }

        @Test
        @DisplayName("a destroyed reference can be written again, and the new value reads back")
        void writeAfterDestroy() {
            SecretRef ref = written("destroy-rewrite", "a");
            backend.destroy(ref);
            long version = put(ref, "b");
            assertThat(version).isPositive();
            assertThat(read(ref)).contains("b");
            assertThat(read(ref, version)).contains("b");
        }

        @Test
        @DisplayName("deleting or destroying what does not exist, or deleting twice, changes nothing and does not fail")
        void idempotent() {
            SecretRef missing = ref("missing");
            backend.delete(missing, 1);
            backend.destroy(missing);
            assertThat(backend.versions(missing)).isEmpty();

            SecretRef ref = written("delete-twice", "a", "b");
            backend.delete(ref, 7);
            backend.delete(ref, 1);
            List<SecretVersionInfo> once = backend.versions(ref);
            backend.delete(ref, 1);
            assertThat(backend.versions(ref)).isEqualTo(once);
            assertThat(read(ref)).contains("b");
        }
    }

    @Nested
    @DisplayName("concurrency")
    class Concurrency {
        @Test
        @Timeout(120)
        @DisplayName("racing check-and-set writers: exactly one wins per expected version, and versions stay dense")
        void checkAndSetRace() throws Exception {
            SecretRef ref = ref("race");
            ConcurrentRaces.Outcome outcome = ConcurrentRaces.checkAndSet(backend, ref, THREADS, 40);
            assertThat(outcome.winsPerExpectedVersion()).as("wins per expected version")
                    .containsOnlyKeys(LongStream.range(0, 40).boxed().collect(Collectors.toList()))
                    .allSatisfy((expected, wins) -> assertThat(wins).as("wins at %d", expected).isEqualTo(1));
            assertThat(versionNumbers(ref)).containsExactlyElementsOf(SecretSamples.oneTo(40));
            assertThat(read(ref)).contains(outcome.winnerValue(39));
            if (backend.capabilities().versioning()) {
                for (long v = 1; v <= 40; v++) {
                    assertThat(read(ref, v)).as("version %d", v).contains(outcome.winnerValue(v - 1));
                }
            }
        }

        @Test
        @Timeout(120)
        @DisplayName("concurrent unconditional writes to one reference each get a distinct version, 1 to n")
        void unconditionalWrites() throws Exception {
            SecretRef ref = ref("parallel");
            List<Long> versions = ConcurrentRaces.unconditional(backend, List.of(ref), THREADS, 10);
            assertThat(versions).containsExactlyInAnyOrderElementsOf(SecretSamples.oneTo(THREADS * 10L));
            assertThat(versionNumbers(ref)).containsExactlyElementsOf(SecretSamples.oneTo(THREADS * 10L));
        }

        @Test
        @Timeout(120)
        @DisplayName("concurrent writers to different references do not interfere")
        void differentReferences() throws Exception {
            List<SecretRef> refs = LongStream.range(0, THREADS).mapToObj(i -> ref("own-" + i))
                    .collect(Collectors.toList());
            ConcurrentRaces.unconditional(backend, refs, THREADS, 10);
            for (SecretRef ref : refs) {
                assertThat(versionNumbers(ref)).as("%s", ref).containsExactlyElementsOf(SecretSamples.oneTo(10));
                assertThat(read(ref)).as("%s", ref).contains(ref.path() + "#9");
            }
        }
    }

    @Nested
    @DisplayName("concurrent reads")
    class ConcurrentReads {
        @Test
        @Timeout(120)
        @DisplayName("readers racing a writer only ever see a whole value that was written, never a mix or a partial one")
        void readersSeeWholeValues() throws Exception {
            SecretRef ref = written("read-race", "v0-" + "x".repeat(4096));
            List<String> seen = ConcurrentRaces.readWhileWriting(backend, ref, THREADS - 1, 20,
                    i -> "v" + i + "-" + String.valueOf((char) ('a' + i % 26)).repeat(4096));
            assertThat(seen).isNotEmpty().allSatisfy(v -> assertThat(v).matches("v[0-9]+-(.)\\1{4095}|v0-x{4096}"));
        }
    }

    @Nested
    @DisplayName("large and binary values")
    class LargeAndBinary {
        @Test
        @DisplayName("a value holding every byte 0 to 255 round-trips byte for byte")
        void everyByteValue() {
            SecretRef ref = ref("binary");
            byte[] all = SecretSamples.everyByte();
            backend.put(ref, all, OptionalLong.empty());
            assertThat(backend.get(ref).map(SecretSamples::bytes))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(all));
        }

        @Test
        @DisplayName("a 1 MiB random value round-trips byte for byte")
        void oneMebibyte() {
            SecretRef ref = ref("large");
            byte[] large = SecretSamples.random(1 << 20);
            backend.put(ref, large, OptionalLong.empty());
            assertThat(backend.get(ref, 1).map(SecretSamples::bytes))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(large));
        }

        @Test
        @DisplayName("a one-byte value and text outside the Basic Multilingual Plane round-trip")
        void smallAndText() {
            SecretRef one = ref("one-byte");
            backend.put(one, new byte[] {0}, OptionalLong.empty());
            assertThat(backend.get(one).map(SecretSamples::bytes))
                    .hasValueSatisfying(v -> assertThat(v).containsExactly(0));
            SecretRef text = ref("text");
            String value = "pässwörd-\uD83D\uDD11-\u5BC6\u7801";
            put(text, value);
            assertThat(backend.get(text).map(SecretSamples::bytes))
                    .hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8(value)));
        }
    }

    @Nested
    @DisplayName("error mapping")
    class ErrorMapping {
        @Test
        @DisplayName("an unknown reference, or an unknown, 0 or negative version, reads as empty, not as an exception")
        void unknownReadsAsEmpty() {
            SecretRef unknown = ref("never-written");
            assertThat(backend.get(unknown)).isEmpty();
            assertThat(backend.get(unknown, 1)).isEmpty();
            assertThat(backend.versions(unknown)).isEmpty();
            SecretRef ref = written("versions-bounds", "a");
            for (long version : new long[] {2, 99, 0, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
                assertThat(backend.get(ref, version)).as("version %d", version).isEmpty();
            }
        }

        @Test
        @DisplayName("null arguments are refused with a NullPointerException, before anything is stored")
        void nullsAreRefused() {
            SecretRef ref = ref("nulls");
            assertThatThrownBy(() -> backend.put(null, utf8("a"), OptionalLong.empty())).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> backend.put(ref, null, OptionalLong.empty())).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> backend.put(ref, utf8("a"), null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> backend.get(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> backend.versions(null)).isInstanceOf(NullPointerException.class);
            assertThat(backend.versions(ref)).isEmpty();
        }

        @Test
        @DisplayName("a backend that cannot reach its storage throws BackendUnavailableException naming it, without material")
        void unreachableIsBackendUnavailable() {
            Optional<SecretBackend> unreachable = createUnreachableBackend();
            assumeTrue(unreachable.isPresent(), "this kind of backend cannot be unreachable");
            String secret = "hunter2-" + UUID.randomUUID();
            SecretRef ref = ref("unreachable");
            SecretBackend down = unreachable.get();
            for (Runnable call : List.<Runnable>of(() -> down.put(ref, utf8(secret), OptionalLong.empty()),
                    () -> down.get(ref), () -> down.get(ref, 1), () -> down.versions(ref), () -> down.delete(ref, 1),
                    () -> down.destroy(ref))) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(BackendUnavailableException.class, e -> {
                    assertThat(e.backend()).isNotBlank();
                    assertThat(String.valueOf(e)).doesNotContain(secret);
                });
            }
        }

        @Test
        @DisplayName("a conflict message names no material")
        void conflictCarriesNoMaterial() {
            String secret = "hunter2-" + UUID.randomUUID();
            SecretRef ref = written("conflict-message", secret);
            assertThatThrownBy(() -> backend.put(ref, utf8(secret), OptionalLong.of(0)))
                    .isInstanceOf(ConflictException.class)
                    .satisfies(e -> assertThat(String.valueOf(e)).doesNotContain(secret));
            assertThat(backend.toString()).doesNotContain(secret);
        }
    }
}
