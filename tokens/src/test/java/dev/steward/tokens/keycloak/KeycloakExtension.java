package dev.steward.tokens.keycloak;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link KeycloakServer} parameter: one Keycloak for the whole test run, started on
 * first use and stopped when the run ends (JUnit closes it with the root context's store; the
 * server's shutdown hook covers a run that is cut short). The distribution comes from the system
 * properties {@value #HOME} and {@value #LOG}, which the module's Surefire configuration sets to the
 * folder Maven unpacked Keycloak into and a log file under {@code target/}.
 */
public final class KeycloakExtension implements ParameterResolver {

    /** The system property naming the unpacked Keycloak distribution. */
    public static final String HOME = "steward.keycloak.home";
    /** The system property naming Keycloak's log file. */
    public static final String LOG = "steward.keycloak.log";

    // Generous: a first start on a busy two-core machine re-augments the distribution for dev mode
    // and creates the schema, about one to two minutes.
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeycloakServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KeycloakServer.class, key -> start(), KeycloakServer.class);
    }

    private static KeycloakServer start() {
        String home = System.getProperty(HOME);
        String log = System.getProperty(LOG);
        if (home == null || log == null) {
            throw new ParameterResolutionException("the system properties " + HOME + " and " + LOG
                    + " are not set: run the tests through Maven, which unpacks Keycloak into target/");
        }
        KeycloakServer server = KeycloakServer.start(Path.of(home), Path.of(log), START_TIMEOUT);
        System.out.printf("[keycloak] %s ready in %d ms (pid %d, log %s)%n",
                server.baseUri(), server.startup().toMillis(), server.pid(), server.log());
        return server;
    }
}
