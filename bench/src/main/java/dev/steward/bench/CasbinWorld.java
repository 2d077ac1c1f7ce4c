package dev.steward.bench;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.persist.file_adapter.FileAdapter;

/**
 * A jCasbin enforcer over the same policy set as a {@link StewardWorld} of depth 0: one policy
 * {@code p, holder, pattern, action} per grant, in jCasbin's RBAC model with {@code keyMatch3}.
 *
 * <p>Why {@code keyMatch3}: our {@code *} matches exactly one segment and a trailing {@code **}
 * one or more; keyMatch3's {@code {name}} matches one segment and a trailing {@code /*} the rest
 * of the path, and it treats {@code :} as a literal. keyMatch2 reads {@code :prod} in
 * {@code db:prod/...} as a parameter, so it would let {@code db:test/...} match; keyMatch has no
 * one-segment wildcard at all.
 *
 * <p>The subject's policies sit in the middle of the list: jCasbin scans policies in order and
 * stops at the first allow, so the allowed request pays for about half the list, as a subject at
 * a random position would on average. The role manager is the standard one, with no role links
 * (grants are direct, as in the Steward world); {@code g(r.sub, p.sub)} holds when both are equal.
 */
public final class CasbinWorld {
    /** The model: RBAC with {@code keyMatch3} on the object, as in jCasbin's examples. */
    public static final String MODEL = String.join("\n",
            "[request_definition]",
            "r = sub, obj, act",
            "",
            "[policy_definition]",
            "p = sub, obj, act",
            "",
            "[role_definition]",
            "g = _, _",
            "",
            "[policy_effect]",
            "e = some(where (p.eft == allow))",
            "",
            "[matchers]",
            "m = g(r.sub, p.sub) && keyMatch3(r.obj, p.obj) && r.act == p.act",
            "");

    private static final String SUBJECT = "alice@acme.example";

    private final Enforcer enforcer;
    private final GrantPlan plan;

    private CasbinWorld(Enforcer enforcer, GrantPlan plan) {
        this.enforcer = enforcer;
        this.plan = plan;
    }

    /**
     * Builds the enforcer and checks that the allowed request is allowed and the denied one denied.
     *
     * @param plan who holds what; its chain must be the subject alone
     * @return the world
     */
    public static CasbinWorld build(GrantPlan plan) {
        if (plan.chainLinks() != 1) {
            throw new IllegalArgumentException("jCasbin has no delegation chains; use depth 0");
        }
        StringBuilder csv = new StringBuilder(plan.totalGrants() * 48);
        int half = plan.backgroundIdentities() / 2;
        for (int b = 0; b < half; b++) {
            policies(csv, "user-" + b + "@acme.example", plan.grantsOfBackground(b));
        }
        policies(csv, SUBJECT, plan.perIdentity());
        for (int b = half; b < plan.backgroundIdentities(); b++) {
            policies(csv, "user-" + b + "@acme.example", plan.grantsOfBackground(b));
        }
        Model model = Model.newModelFromString(MODEL);
        Enforcer enforcer = new Enforcer(model,
                new FileAdapter(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8))), false);
        CasbinWorld world = new CasbinWorld(enforcer, plan);
        world.check();
        // Collect the set-up's garbage now rather than in the first measured iterations.
        System.gc();
        return world;
    }

    private static void policies(StringBuilder csv, String holder, int count) {
        for (int i = 0; i < count; i++) {
            csv.append("p, ").append(holder).append(", ").append(GrantPlan.casbinPattern(i)).append(", ")
                    .append(GrantPlan.action(i)).append('\n');
        }
    }

    private void check() {
        int loaded = enforcer.getPolicy().size();
        if (loaded != plan.totalGrants()) {
            throw new IllegalStateException("jCasbin loaded " + loaded + " policies, expected " + plan.totalGrants());
        }
        if (!allowed()) {
            throw new IllegalStateException("jCasbin denied the allowed request (" + plan + ")");
        }
        if (denied()) {
            throw new IllegalStateException("jCasbin allowed the denied request (" + plan + ")");
        }
        if (enforcer.enforce(SUBJECT, "db:test/table-0/row", "db:query")
                || !enforcer.enforce(SUBJECT, "db:prod/table-0/row", "db:query")
                || enforcer.enforce(SUBJECT, "db:prod/table-0/row/column", "db:query")) {
            throw new IllegalStateException("keyMatch3 does not follow Steward's segment wildcard");
        }
    }

    /** @return who holds what */
    public GrantPlan plan() {
        return plan;
    }

    /** @return the decision on the request the subject's policies cover */
    public boolean allowed() {
        return enforcer.enforce(SUBJECT, plan.allowedResource(), plan.requestAction());
    }

    /** @return the decision on the request none of the subject's policies cover */
    public boolean denied() {
        return enforcer.enforce(SUBJECT, plan.deniedResource(), plan.requestAction());
    }
}
