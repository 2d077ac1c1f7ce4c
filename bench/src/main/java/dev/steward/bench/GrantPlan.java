package dev.steward.bench;

/**
 * Who holds which grants in a benchmark, shared by the Steward and jCasbin set-ups so that both
 * decide over the same policy set.
 *
 * <p>The subject holds {@code perIdentity} grants; with a delegation chain of depth 2, each of the
 * three links (human, agent, sub-agent) holds that many, over the same resource patterns. The rest
 * of {@code totalGrants} is held by other people, {@value #BACKGROUND_PER_IDENTITY} each.
 *
 * <p>Grant {@code i} of a holder is one of three shapes, in turn, so that every action's index
 * mixes exact, {@code *} and {@code **} patterns across the holders:
 * <ul>
 *   <li>{@code repo:read} on {@code github:acme/repo-N/**} (trailing wildcard)</li>
 *   <li>{@code db:query} on {@code db:prod/table-N/*} (segment wildcard)</li>
 *   <li>{@code api:call} on {@code api:billing/invoices/inv-N} (exact)</li>
 * </ul>
 * where {@code N = i / 3}, so holders share resources as colleagues do.
 *
 * <p>Combinations that cannot exist are clamped, never rejected, so a JMH parameter matrix may
 * contain them: {@code perIdentity} is at most {@code totalGrants} (so 1,000 grants per identity
 * among 10 in all becomes 10 among 10), and the store holds at least the chain's own grants (so
 * depth 2 with 10 per identity has 30 grants in all even when 10 are asked for).
 */
public final class GrantPlan {
    /** Grants held by each of the other identities. */
    public static final int BACKGROUND_PER_IDENTITY = 10;

    private static final String[] ACTIONS = {"repo:read", "db:query", "api:call"};

    private final int perIdentity;
    private final int chainLinks;
    private final int totalGrants;

    private GrantPlan(int perIdentity, int chainLinks, int totalGrants) {
        this.perIdentity = perIdentity;
        this.chainLinks = chainLinks;
        this.totalGrants = totalGrants;
    }

    /**
     * @param grantsPerIdentity grants held by the subject (and by each link of its chain)
     * @param totalGrants grants in the store in all
     * @param depth the delegation chain's depth, 0 (acting on its own account) to 2
     * @return the plan, clamped as the class documents
     */
    public static GrantPlan of(int grantsPerIdentity, int totalGrants, int depth) {
        if (grantsPerIdentity < 1 || totalGrants < 1 || depth < 0 || depth > 2) {
            throw new IllegalArgumentException("grantsPerIdentity and totalGrants must be positive, depth 0 to 2");
        }
        int per = Math.min(grantsPerIdentity, totalGrants);
        int links = depth + 1;
        return new GrantPlan(per, links, Math.max(totalGrants, per * links));
    }

    /** @return grants held by the subject, and by each link of its chain */
    public int perIdentity() {
        return perIdentity;
    }

    /** @return identities of the chain: 1 (the subject alone) or 3 (human, agent, sub-agent) */
    public int chainLinks() {
        return chainLinks;
    }

    /** @return grants in the store in all */
    public int totalGrants() {
        return totalGrants;
    }

    /** @return grants held by identities outside the chain */
    public int backgroundGrants() {
        return totalGrants - perIdentity * chainLinks;
    }

    /** @return identities outside the chain; the last may hold fewer than {@value #BACKGROUND_PER_IDENTITY} */
    public int backgroundIdentities() {
        return (backgroundGrants() + BACKGROUND_PER_IDENTITY - 1) / BACKGROUND_PER_IDENTITY;
    }

    /**
     * @param backgroundIdentity index of an identity outside the chain
     * @return how many grants it holds
     */
    public int grantsOfBackground(int backgroundIdentity) {
        int start = backgroundIdentity * BACKGROUND_PER_IDENTITY;
        return Math.min(BACKGROUND_PER_IDENTITY, backgroundGrants() - start);
    }

    /**
     * @param i the holder's grant number
     * @return the grant's action
     */
    public static String action(int i) {
        return ACTIONS[i % 3];
    }

    /**
     * @param i the holder's grant number
     * @return the grant's resource pattern, in Steward's grammar
     */
    public static String pattern(int i) {
        int n = i / 3;
        switch (i % 3) {
            case 0:
                return "github:acme/repo-" + n + "/**";
            case 1:
                return "db:prod/table-" + n + "/*";
            default:
                return "api:billing/invoices/inv-" + n;
        }
    }

    /**
     * The same pattern for jCasbin's {@code keyMatch3}: a trailing {@code /*} there matches the
     * rest of the path (our {@code **}), and {@code {name}} exactly one segment (our {@code *}).
     *
     * @param i the holder's grant number
     * @return the grant's resource pattern, in keyMatch3's grammar
     */
    public static String casbinPattern(int i) {
        int n = i / 3;
        switch (i % 3) {
            case 0:
                return "github:acme/repo-" + n + "/*";
            case 1:
                return "db:prod/table-" + n + "/{row}";
            default:
                return "api:billing/invoices/inv-" + n;
        }
    }

    /** @return the action of both requests */
    public String requestAction() {
        return "repo:read";
    }

    /** @return a resource the subject's grants cover: a file in a repository in the middle of its list */
    public String allowedResource() {
        int repos = (perIdentity + 2) / 3;
        return "github:acme/repo-" + (repos - 1) / 2 + "/src/main/java/App.java";
    }

    /** @return a resource no grant of the subject covers, though colleagues' grants may */
    public String deniedResource() {
        return "github:acme/repo-" + (perIdentity + 2) / 3 + "/src/main/java/App.java";
    }

    @Override
    public String toString() {
        return perIdentity + " grants per identity, " + chainLinks + " in the chain, " + totalGrants + " in all";
    }
}
