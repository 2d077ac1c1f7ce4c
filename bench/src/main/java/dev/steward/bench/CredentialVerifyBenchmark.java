package dev.steward.bench;

import dev.steward.Steward;
import dev.steward.credential.CredentialId;
import dev.steward.credential.CredentialSpec;
import dev.steward.credential.CredentialType;
import dev.steward.credential.IssuedCredential;
import dev.steward.credential.KeyFormat;
import dev.steward.credential.VerificationResult;
import dev.steward.identity.Actor;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentitySpec;
import dev.steward.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code credentials().verify(key)} of a valid and of an invalid key (right id and checksum, wrong
 * secret, so the keyed hash is computed and compared), beside a bare HMAC-SHA-256 of the same
 * 43-character secret with the same pepper: the baseline the verification cost is a ratio of.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CredentialVerifyBenchmark {
    private Steward steward;
    private String validKey;
    private String invalidKey;
    private byte[] secretBytes;
    private Mac mac;

    /**
     * Issues one API key to an approved agent, with a 32-byte pepper.
     *
     * @throws GeneralSecurityException if the JDK has no HMAC-SHA-256, for the bare baseline, or
     *     refuses the pepper as its key
     */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        byte[] pepper = new byte[32];
        new SecureRandom().nextBytes(pepper);
        steward = Steward.builder().store(InMemoryStore.create()).keyPepper(pepper).build();
        Actor hr = Actor.system("hr");
        Identity alice = steward.identities().register(IdentitySpec.human("alice"), hr);
        Identity bob = steward.identities().register(IdentitySpec.human("bob"), hr);
        Identity bot = steward.identities().register(IdentitySpec.agent("bot").owner(alice.id())
                .expiresIn(Duration.ofDays(30)).purpose("bench"), alice.asActor());
        steward.identities().approve(bot.id(), bob.asActor(), "BENCH");
        try (IssuedCredential issued = steward.credentials().issue(CredentialSpec.apiKey(bot.id()), alice.asActor())) {
            validKey = new String(issued.secret().chars());
        }
        CredentialId id = KeyFormat.parse(validKey).orElseThrow().id();
        invalidKey = KeyFormat.format(CredentialType.API_KEY, id, KeyFormat.newSecret(new SecureRandom()));
        secretBytes = KeyFormat.parse(validKey).orElseThrow().secret().getBytes(StandardCharsets.US_ASCII);
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
        if (!steward.credentials().verify(validKey).isValid() || steward.credentials().verify(invalidKey).isValid()) {
            throw new IllegalStateException("the benchmark's keys do not verify as intended");
        }
    }

    /** Stops the instance's background work. */
    @TearDown(Level.Trial)
    public void tearDown() {
        steward.close();
    }

    /** @return the result of verifying a valid key */
    @Benchmark
    public VerificationResult verifyValid() {
        return steward.credentials().verify(validKey);
    }

    /** @return the result of verifying a key whose secret is wrong */
    @Benchmark
    public VerificationResult verifyInvalid() {
        return steward.credentials().verify(invalidKey);
    }

    /** @return a bare HMAC-SHA-256 of the same secret with the same key */
    @Benchmark
    public byte[] bareHmac() {
        return mac.doFinal(secretBytes);
    }
}
