package dev.steward.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.ConflictException;
import dev.steward.MutableClock;
import dev.steward.ValidationException;
import dev.steward.spi.SecretRef;
import dev.steward.spi.SecretVersion;
import dev.steward.spi.SecretVersionInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-memory secret backend: values, versions, check-and-set, soft delete, destroy, clock and races. */
class InMemorySecretBackendTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123456789Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemorySecretBackend backend = InMemorySecretBackend.create(clock);
    private final SecretRef ref = new SecretRef("services/billing/stripe-key");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] read(long version) {
        try (SecretVersion v = backend.get(ref, version).orElseThrow()) {
            return v.value();
        }
    }

    private long put(String value) {
        return backend.put(ref, utf8(value), OptionalLong.empty());
    }

    @Test
    @DisplayName("declares versioning and soft delete")
    void capabilities() {
        assertThat(backend.capabilities().versioning()).isTrue();
        assertThat(backend.capabilities().softDelete()).isTrue();
        assertThat(InMemorySecretBackend.create().capabilities()).isEqualTo(backend.capabilities());
    }

    @Test
    @DisplayName("text, every byte value and 1 MiB round-trip byte for byte")
    void roundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] large = new byte[1 << 20];
        new Random(1).nextBytes(large);
        byte[][] values = {utf8("s3cr\u00e9t \uD83D\uDD11"), all, large};
        for (int i = 0; i < values.length; i++) {
            assertThat(backend.put(ref, values[i], OptionalLong.empty())).isEqualTo(i + 1);
        }
        for (int i = 0; i < values.length; i++) {
            assertThat(read(i + 1)).isEqualTo(values[i]);
        }
    }

    @Test
    @DisplayName("versions count from 1 and every one stays readable; createdAt comes from the injected clock")
    void versionsAndClock() {
        put("a");
        clock.advance(Duration.ofMinutes(5));
        put("b");
        assertThat(read(1)).isEqualTo(utf8("a"));
        assertThat(read(2)).isEqualTo(utf8("b"));
        assertThat(backend.versions(ref)).containsExactly(
                new SecretVersionInfo(1, T0, Optional.empty(), false),
                new SecretVersionInfo(2, T0.plus(Duration.ofMinutes(5)), Optional.empty(), false));
        assertThat(backend.get(ref).orElseThrow().createdAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    @DisplayName("check-and-set: 0 creates, the latest succeeds, anything else is a ConflictException that writes nothing")
    void checkAndSet() {
        assertThat(backend.put(ref, utf8("a"), OptionalLong.of(0))).isEqualTo(1);
        assertThat(backend.put(ref, utf8("b"), OptionalLong.of(1))).isEqualTo(2);
        for (long expected : new long[] {0, 1, 3}) {
            assertThatThrownBy(() -> backend.put(ref, utf8("hunter2"), OptionalLong.of(expected)))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("secret " + ref.path() + " is at version 2, not the expected version " + expected);
        }
        assertThatThrownBy(() -> backend.put(ref, utf8("c"), OptionalLong.of(-1)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("expectedVersion"));
        assertThat(backend.versions(ref)).hasSize(2);
        assertThat(read(2)).isEqualTo(utf8("b"));
    }

    @Test
    @DisplayName("values are copied in and out: neither the caller's array nor a returned one aliases the store")
    void copies() {
        byte[] value = utf8("original");
        put("unused");
        backend.put(ref, value, OptionalLong.of(1));
        value[0] = 'X';
        read(2)[0] = 'Y';
        backend.get(ref, 2).orElseThrow().close();
        assertThat(read(2)).isEqualTo(utf8("original"));
    }

    @Test
    @DisplayName("soft delete: the version is unreadable, keeps its metadata with deletedAt from the clock, and is not destroyed")
    void softDelete() {
        put("a");
        put("b");
        clock.advance(Duration.ofHours(1));
        backend.delete(ref, 2);
        clock.advance(Duration.ofHours(1));
        backend.delete(ref, 2);
        assertThat(backend.get(ref, 2)).isEmpty();
        assertThat(backend.get(ref).orElseThrow().version()).as("newest readable").isEqualTo(1);
        assertThat(backend.versions(ref).get(1))
                .isEqualTo(new SecretVersionInfo(2, T0, Optional.of(T0.plus(Duration.ofHours(1))), false));
        assertThat(put("c")).isEqualTo(3);
        backend.delete(ref, 99);
        backend.delete(ref, 0);
        backend.delete(new SecretRef("never/written"), 1);
        assertThat(backend.versions(new SecretRef("never/written"))).isEmpty();
    }

    @Test
    @DisplayName("destroy: no version is readable, metadata stays marked destroyed (deletedAt kept), numbering goes on")
    void destroy() {
        put("a");
        put("b");
        backend.delete(ref, 1);
        backend.destroy(ref);
        assertThat(backend.get(ref)).isEmpty();
        assertThat(backend.get(ref, 2)).isEmpty();
        assertThat(backend.versions(ref)).containsExactly(
                new SecretVersionInfo(1, T0, Optional.of(T0), true),
                new SecretVersionInfo(2, T0, Optional.empty(), true));
        assertThatThrownBy(() -> backend.put(ref, utf8("c"), OptionalLong.of(0))).isInstanceOf(ConflictException.class);
        assertThat(put("c")).isEqualTo(3);
        assertThat(read(3)).isEqualTo(utf8("c"));
        backend.destroy(new SecretRef("never/written"));
    }

    @Test
    @DisplayName("toString shows no material")
    void toStringShowsNoMaterial() {
        put("hunter2-very-secret");
        assertThat(backend.toString()).isEqualTo("InMemorySecretBackend[refs=1]");
        assertThat(backend.get(ref).orElseThrow().toString()).doesNotContain("hunter2");
    }

    @Test
    @Timeout(60)
    @DisplayName("8 threads racing check-and-set on one reference: exactly one winner per expected version, versions dense")
    void checkAndSetRace() throws Exception {
        int threads = 8;
        int target = 200;
        Map<Long, List<Integer>> winners = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> racers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                racers.add(pool.submit(() -> {
                    start.await();
                    for (long current = 0; current < target; current = backend.versions(ref).size()) {
                        try {
                            long written = backend.put(ref, utf8(thread + "@" + current), OptionalLong.of(current));
                            assertThat(written).isEqualTo(current + 1);
                            winners.computeIfAbsent(current, v -> new CopyOnWriteArrayList<>()).add(thread);
                        } catch (ConflictException lost) {
                            // another thread won this version; read the latest again
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : racers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(winners).hasSize(target).allSatisfy((expected, won) -> assertThat(won).hasSize(1));
        assertThat(backend.versions(ref)).extracting(SecretVersionInfo::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, target).boxed().collect(Collectors.toList()));
        for (long v = 1; v <= target; v++) {
            assertThat(new String(read(v), StandardCharsets.UTF_8)).isEqualTo(winners.get(v - 1).get(0) + "@" + (v - 1));
        }
    }
}
