package dev.steward.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.audit.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens and API keys are secrets: they never reach a log line (Steward logs at TRACE in
 * tests), an exception message, a {@code toString} or an audit event, whatever path an exchange or
 * a verification takes.
 */
class SecretHygieneTest {
    private final Desk desk = new Desk().withDelegation();

    @AfterEach
    void close() {
        desk.close();
    }

    @Test
    @DisplayName("no token text or API key in logs, refusals, toString or the audit trail")
    void secretsStayOut() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> texts = new ArrayList<>();
        IssuedToken t;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            t = desk.tokens.exchange(desk.forAlice("ticket:read ticket:comment"));
            texts.add(t.toString());
            VerifiedToken v = desk.verifier().verify(t.token());
            texts.add(v.toString());
            texts.add(TokenExchange.builder().subjectToken(t.token()).actor(ActorProof.apiKey(desk.botKey))
                    .audience(Desk.AUDIENCE).build().toString());
            String[] parts = t.token().split("\\.");
            for (String bad : new String[] {t.token() + "x", parts[0] + "." + parts[1] + ".", t.token() + "." + t.token(),
                "Bearer " + t.token(), t.token().replace('.', '_')}) {
                texts.add(refusal(() -> desk.verifier().verify(bad)));
                texts.add(refusal(() -> desk.tokens.exchange(TokenExchange.builder().subjectToken(bad)
                        .actor(ActorProof.apiKey(desk.botKey)).audience(Desk.AUDIENCE).build())));
            }
            texts.add(refusal(() -> desk.tokens.exchange(TokenExchange.builder().subject(desk.alice.id())
                    .actor(ActorProof.apiKey(desk.botKey + "x")).audience(Desk.AUDIENCE).scope("ticket:read").build())));
            texts.add(refusal(() -> desk.tokens.exchange(TokenExchange.builder().subject(desk.alice.id())
                    .actor(ActorProof.apiKey(t.token())).audience(Desk.AUDIENCE).scope("ticket:read").build())));
            desk.steward.grants().revoke(t.grants().get(0), desk.alice.asActor(), "incident");
            texts.add(refusal(() -> desk.verifier().verify(t.token())));
        } finally {
            System.setErr(err);
        }
        texts.add(captured.toString(StandardCharsets.UTF_8));
        for (AuditEvent e : desk.steward.audit().read(0, 10_000)) {
            texts.add(e.toString());
        }
        String signature = t.token().substring(t.token().lastIndexOf('.') + 1);
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain(t.token()).doesNotContain(signature).doesNotContain(desk.botKey));
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (TokenRejectedException e) {
            return e.getMessage() + " " + e;
        }
        throw new AssertionError("not refused");
    }
}
