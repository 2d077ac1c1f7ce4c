package dev.steward.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.Page;
import dev.steward.credential.Credential;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.spi.GovernanceStore;
import dev.steward.spi.StoreChange;
import dev.steward.spi.StoreTransaction;
import dev.steward.spi.UnitOfWork;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;

/** Checks and small tools the kits share. */
final class KitSupport {
    private KitSupport() {
    }

    /**
     * Runs a unit of work that returns nothing, committing if it returns. A failed assertion inside
     * it is rethrown after the unit ends, so that a store is never left with a unit that ended in an
     * {@link Error} (which a backend may not expect).
     */
    static void write(GovernanceStore store, Consumer<StoreTransaction> work) {
        AssertionError failed = store.transact(tx -> {
            try {
                work.accept(tx);
                return null;
            } catch (AssertionError e) {
                return e;
            }
        });
        if (failed != null) {
            throw failed;
        }
    }

    /** Runs a unit of work and returns what it read. */
    static <T> T fetch(GovernanceStore store, UnitOfWork<T> work) {
        return store.transact(work);
    }

    /**
     * Compares two values field by field, so that a failure names the field a store did not keep (a
     * value's {@code toString} may leave fields out, as {@link Credential}'s does). Each instance
     * field is read through the public accessor of the same name, as records and the entity classes
     * have.
     */
    static <T> void assertSameFields(T actual, T expected, String what) {
        assertThat(actual).as(what).isNotNull();
        for (Field field : expected.getClass().getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                assertThat(accessor(actual, field)).as("%s of %s", field.getName(), what)
                        .isEqualTo(accessor(expected, field));
            }
        }
        assertThat(actual).as(what).isEqualTo(expected);
    }

    private static Object accessor(Object value, Field field) {
        try {
            return value.getClass().getMethod(field.getName()).invoke(value);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field.getName(), e);
        }
    }

    /** Follows cursors to the end, checking each page's size against the limit. */
    static <T> List<T> collectPages(int limit, Function<Optional<String>, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            Page<T> page = fetch.apply(cursor);
            assertThat(page.items().size()).as("size of page %d with limit %d", pages, limit).isLessThanOrEqualTo(limit);
            if (page.hasNext()) {
                assertThat(page.items()).as("page %d with limit %d, which has a next cursor", pages, limit)
                        .hasSize(limit);
            }
            all.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
            assertThat(pages).as("pages followed; a cursor that does not advance loops for ever")
                    .isLessThanOrEqualTo(100_000);
        } while (cursor.isPresent());
        return all;
    }

    static List<Identity> sortedIdentities(List<Identity> all, Predicate<Identity> filter) {
        return all.stream().filter(filter).sorted(Comparator.comparing(Identity::id)).collect(Collectors.toList());
    }

    static List<Grant> sortedGrants(List<Grant> all, Predicate<Grant> filter) {
        return all.stream().filter(filter).sorted(Comparator.comparing(Grant::id)).collect(Collectors.toList());
    }

    static List<Credential> sortedCredentials(List<Credential> all, Predicate<Credential> filter) {
        return all.stream().filter(filter).sorted(Comparator.comparing(Credential::id)).collect(Collectors.toList());
    }

    static Tuple kindAndId(StoreChange.Kind kind, String id) {
        return Tuple.tuple(kind, id);
    }

    static void assertIncreasing(List<StoreChange> changes) {
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).sequence()).as("sequence of change %d", i)
                    .isGreaterThan(changes.get(i - 1).sequence());
        }
    }

    static int count(Map<String, AtomicInteger> counts, String id) {
        AtomicInteger n = counts.get(id);
        return n == null ? 0 : n.get();
    }

    static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure the kit's units throw on purpose. */
    static final class KitFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KitFailure() {
            super("thrown on purpose by the compatibility kit");
        }
    }
}
