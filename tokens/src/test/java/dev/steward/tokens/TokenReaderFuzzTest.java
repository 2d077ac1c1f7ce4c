package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;

/**
 * Fuzzes the token reader behind {@link TokenVerifier#verify}: whatever the text, it returns a
 * verified token or throws a {@link TokenRejectedException}, never anything else. A normal build
 * runs the seeds under {@code src/test/resources/dev/steward/tokens/TokenReaderFuzzTestInputs}; set
 * {@code JAZZER_FUZZ=1} and run one method to fuzz it.
 */
class TokenReaderFuzzTest {
    private static final Forge FORGE = Forge.ed25519();
    private static final Desk DESK = new Desk(b -> { }, FORGE.signer).withDelegation();
    private static final IssuedToken ISSUED = DESK.exchange(DESK.forAlice("ticket:read ticket:comment"));
    private static final TokenVerifier VERIFIER = DESK.verifier();

    private static void verifyOrRefuse(String token) {
        try {
            VerifiedToken v = VERIFIER.verify(token);
            assertThat(v.scope()).isNotEmpty();
            assertThat(v.expiresAt()).isAfter(DESK.clock.instant().minus(Duration.ofSeconds(30)));
        } catch (TokenRejectedException e) {
            assertThat(e.reason()).isNotNull();
            assertThat(e.getMessage()).doesNotContain(ISSUED.token());
        }
    }

    /** Any text at all, as a bearer token. */
    @FuzzTest
    void verify(FuzzedDataProvider data) {
        verifyOrRefuse(data.consumeRemainingAsString());
    }

    /**
     * A header and a payload text (split at the first line break; {@code $KID}, {@code $ALICE},
     * {@code $BOT}, {@code $GRANT}, {@code $NOW} and {@code $EXP} name the desk's key, identities, a
     * grant, the time and five minutes later), signed with the trusted key so that the reader gets past the signature to the claims.
     */
    @FuzzTest
    void signedClaims(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString()
                .replace("$KID", FORGE.signer.keyId())
                .replace("$ALICE", DESK.alice.id().value())
                .replace("$BOT", DESK.bot.id().value())
                .replace("$GRANT", ISSUED.grants().get(0).value())
                .replace("$NOW", Long.toString(DESK.clock.instant().getEpochSecond()))
                .replace("$EXP", Long.toString(DESK.clock.instant().getEpochSecond() + 300));
        int split = text.indexOf('\n');
        String header = split < 0 ? FORGE.header() : text.substring(0, split);
        String payload = split < 0 ? text : text.substring(split + 1);
        verifyOrRefuse(FORGE.sign(header, payload));
    }
}
