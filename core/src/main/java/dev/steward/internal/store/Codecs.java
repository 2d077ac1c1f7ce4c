package dev.steward.internal.store;

import dev.steward.credential.Credential;
import dev.steward.grant.Grant;
import dev.steward.identity.Identity;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewItem;
import dev.steward.spi.EntityCodec;
import java.time.Instant;
import java.util.Optional;

/**
 * The stored form of each entity: one JSON object whose field names are the entity's accessor
 * names, instants as ISO-8601 strings (nanoseconds kept), absent optionals left out. Written by
 * hand rather than by data binding, so the stored format changes only on purpose; usage telemetry
 * is not in it, and {@link #withUsage} is the one place an entity gets stored usage back.
 */
public final class Codecs {
    /** Identities. */
    public static final EntityCodec<Identity> IDENTITY = new IdentityCodec();
    /** Grants, without usage. */
    public static final EntityCodec<Grant> GRANT = new GrantCodec();
    /** Credentials, without usage. */
    public static final EntityCodec<Credential> CREDENTIAL = new CredentialCodec();
    /** Review cycles. */
    public static final EntityCodec<ReviewCycle> REVIEW_CYCLE = new ReviewCycleCodec();
    /** Review items. */
    public static final EntityCodec<ReviewItem> REVIEW_ITEM = new ReviewItemCodec();

    private Codecs() {
    }

    /**
     * {@return the grant with that usage, nothing else changed}
     *
     * @param g the grant
     * @param lastUsedAt its last use
     * @param useCount its use count
     */
    public static Grant withUsage(Grant g, Optional<Instant> lastUsedAt, long useCount) {
        return g.toBuilder().lastUsedAt(lastUsedAt).useCount(useCount).build();
    }

    /**
     * {@return the credential with that usage, nothing else changed}
     *
     * @param c the credential
     * @param lastUsedAt its last use
     * @param useCount its use count
     */
    public static Credential withUsage(Credential c, Optional<Instant> lastUsedAt, long useCount) {
        return c.toBuilder().lastUsedAt(lastUsedAt).useCount(useCount).build();
    }
}
