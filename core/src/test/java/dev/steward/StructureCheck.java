package dev.steward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.grant.Grant;
import dev.steward.grant.GrantQuery;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityQuery;
import dev.steward.internal.authz.AuthorizationIndex;
import dev.steward.spi.GovernanceStore;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The invariants a Steward's in-memory state keeps with its store, checked after each test. */
final class StructureCheck {
    private StructureCheck() {
    }

    /**
     * Every stored identity and grant is in the decision index at the stored version, and the
     * index holds no identity the store does not: a decision never rests on a lost or stale write.
     */
    static void indexMatchesStore(Steward steward, GovernanceStore store) {
        steward.refresh();
        AuthorizationIndex index = steward.kernel().index();
        long[] identities = {0};
        eachPage(c -> steward.identities().query(c.map(IdentityQuery.all().limit(1000)::after)
                .orElse(IdentityQuery.all().limit(1000))), Page::nextCursor, (Identity stored) -> {
                    identities[0]++;
                    Identity held = index.identity(stored.id());
                    assertThat(held).as("the index holds identity " + stored.id() + " of " + store.name())
                            .isNotNull();
                    assertThat(held.version()).as("the index holds identity " + stored.id() + " at its stored version")
                            .isEqualTo(stored.version());
                    assertThat(held.status()).isEqualTo(stored.status());
                });
        assertThat(index.identityCount()).as("the index holds no identity the store does not").isEqualTo(identities[0]);
        eachPage(c -> steward.grants().query(c.map(GrantQuery.all().limit(1000)::after)
                .orElse(GrantQuery.all().limit(1000))), Page::nextCursor, (Grant stored) ->
                    assertThat(index.grantVersion(stored.id()))
                            .as("the index holds grant " + stored.id() + " at its stored version")
                            .isEqualTo(stored.version()));
    }

    private static <T> void eachPage(Function<Optional<String>, Page<T>> read, Function<Page<T>, Optional<String>> next,
            Consumer<T> check) {
        Optional<String> cursor = Optional.empty();
        do {
            Page<T> page = read.apply(cursor);
            page.items().forEach(check);
            cursor = next.apply(page);
        } while (cursor.isPresent());
    }
}
