package dev.steward.examples;

import dev.steward.Steward;
import dev.steward.credential.Credential;
import dev.steward.credential.CredentialService;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.CredentialStatus;
import dev.steward.credential.ExposureReport;
import dev.steward.credential.IssuedCredential;
import dev.steward.credential.Secret;
import dev.steward.credential.SecretScanner;
import dev.steward.credential.VerificationResult;
import dev.steward.grant.Grant;
import dev.steward.grant.GrantSpec;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Story 6. An agent's API key leaks into a CI log. {@link SecretScanner} finds it in the text by its
 * prefix and checksum alone, without a store lookup; reporting the exposure revokes the key at
 * once and tells its owner; the leaked key is rejected from then on, and a rotation issues a
 * replacement. The agent's database password, a stored secret, is encrypted at rest and checked
 * out only under a grant. Nothing secret is printed: keys appear as fingerprints only.
 */
public final class LeakedKey {
    /** The agent's name. */
    public static final String AGENT = "deploy-agent";
    /** The database role whose password the agent uses. */
    public static final String DATABASE_ROLE = "deploy_app";
    private static final String LOG_BEFORE = "12:04:17 build-1234 deploy failed; env: DEPLOY_TOKEN=";
    private static final String LOG_AFTER = " REGION=eu-west-1";

    /**
     * What the story showed.
     *
     * @param issued the API key issued to the agent
     * @param firstUse the key's verification before the leak
     * @param leakOffset where the key starts in the leaked log line
     * @param findings what the scanner found in that line
     * @param exposure what reporting the exposure did
     * @param afterExposure the leaked key's verification after the report
     * @param replacement the key that replaced it
     * @param replacementUse the replacement's verification
     * @param databasePassword the password the story stored; still readable, so a test can check it was never printed
     * @param checkoutWithoutGrant the agent's checkout of the password before it holds a grant
     * @param checkoutWithGrant its checkout under a grant
     */
    public record Result(Credential issued, VerificationResult firstUse, int leakOffset,
            List<SecretScanner.Finding> findings, ExposureReport exposure, VerificationResult afterExposure,
            Credential replacement, VerificationResult replacementUse, Secret databasePassword,
            ToolCallOutcome checkoutWithoutGrant, ToolCallOutcome checkoutWithGrant) {
    }

    private final World world;

    /** @param world the shared setting */
    public LeakedKey(World world) {
        this.world = world;
    }

    /**
     * @param out where the story is told
     * @return what it showed
     */
    public Result run(PrintStream out) {
        Steward steward = world.steward();
        CredentialService credentials = steward.credentials();
        Narrator n = new Narrator(out, world.clock());
        n.heading(6, "A leaked key is caught and revoked, then rotated");

        Identity olivia = world.person("olivia@acme.example");
        Identity peggy = world.person("peggy@acme.example");
        Identity bot = steward.identities().register(IdentitySpec.agent(AGENT).owner(olivia.id())
                .expiresIn(Duration.ofDays(30)).purpose("deploy acme/api to production"), olivia.asActor());
        steward.identities().approve(bot.id(), peggy.asActor(), "SEC-77");
        n.check(true, "olivia registers " + AGENT + "; peggy approves it under SEC-77");

        IssuedCredential issued = credentials.issue(CredentialSpec.apiKey(bot.id()).name("ci-deploy"),
                olivia.asActor());
        String key = handOver(issued);
        n.step("olivia issues " + AGENT + " an API key, fingerprint " + issued.credential().fingerprint());
        n.detail("shown once, handed to the agent's CI secrets, never printed");
        VerificationResult firstUse = credentials.verify(key);
        n.check(firstUse.isValid(), AGENT + " presents its key: verified as "
                + world.nameOf(firstUse.identity().orElseThrow()));

        String logLine = LOG_BEFORE + key + LOG_AFTER;
        n.step("a failing deploy step dumps its environment, key included, into the CI log of build-1234");
        List<SecretScanner.Finding> findings = SecretScanner.create().scan(logLine);
        SecretScanner.Finding leak = findings.stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the scanner missed the key"));
        n.check(true, "SecretScanner finds " + findings.size() + " key at offset " + leak.start()
                + " of the line, by prefix and checksum, without a store lookup");
        n.detail("credential " + leak.credentialId() + ", fingerprint " + leak.fingerprint());
        n.detail("the line as kept: " + logLine.substring(0, leak.start()) + "[redacted " + leak.fingerprint() + "]"
                + logLine.substring(leak.end()));

        ExposureReport exposure = credentials.reportExposure(leak.credentialId(), "ci log build-1234",
                Actor.system("secret-scanner"));
        n.check(exposure.credential().status() == CredentialStatus.REVOKED,
                "the scanner reports the exposure: the key is " + exposure.credential().status() + " at once");
        n.detail("owner told: " + exposure.owner().map(world::nameOf).orElse("nobody")
                + ", exposure recorded as audit event " + exposure.auditEventId());
        VerificationResult afterExposure = credentials.verify(key);
        n.check(afterExposure.isValid(), "the leaked key is presented again: rejected, "
                + afterExposure.failure().orElseThrow());

        IssuedCredential replacement = credentials.rotateKey(exposure.credential().id(), olivia.asActor(),
                "replace the key exposed in build-1234");
        VerificationResult replacementUse = credentials.verify(handOver(replacement));
        n.check(true, "olivia rotates it: a replacement key, fingerprint " + replacement.credential().fingerprint()
                + ", no overlap for a revoked key");
        n.check(replacementUse.isValid(), AGENT + " presents the replacement: verified as "
                + world.nameOf(replacementUse.identity().orElseThrow()));

        Secret password = PostgresRoleRotation.newPassword();
        Credential stored = credentials.storeSecret(CredentialSpec.storedSecret(bot.id())
                .name(PostgresRoleRotation.NAME_PREFIX + DATABASE_ROLE), password, olivia.asActor());
        n.step("olivia stores the password of database role " + DATABASE_ROLE + " for " + AGENT + ", encrypted under "
                + World.KEK_ID);
        n.detail("named " + stored.name() + ", so a PostgresRoleRotation handler could rotate it at the server");
        ToolCallOutcome denied = world.checkout(stored.id(), bot.id(), "tc-601");
        n.call(AGENT, denied);
        Grant grant = steward.grants().request(GrantSpec.to(bot.id()).allow(CredentialService.CHECKOUT_ACTION)
                .on(CredentialService.checkoutResource(stored)).validFor(Duration.ofHours(1))
                .justification("SEC-77: run the schema migration"), olivia.asActor());
        steward.grants().approve(grant.id(), peggy.asActor(), "SEC-77");
        n.check(true, "peggy approves olivia's request: " + CredentialService.CHECKOUT_ACTION
                + " on that credential for 1 hour");
        ToolCallOutcome allowed = world.checkout(stored.id(), bot.id(), "tc-602");
        n.call(AGENT, allowed);
        n.detail(allowed.output().orElseThrow() + ", wiped after use; decision " + allowed.auditEventId());
        return new Result(issued.credential(), firstUse, LOG_BEFORE.length(), findings, exposure, afterExposure,
                replacement.credential(), replacementUse, password, denied, allowed);
    }

    /** Hands the plaintext key to the agent, the one time it exists, and wipes Steward's copy. */
    private static String handOver(IssuedCredential issued) {
        char[] chars = issued.secret().chars();
        try {
            return new String(chars);
        } finally {
            Arrays.fill(chars, '\0');
            issued.close();
        }
    }
}
