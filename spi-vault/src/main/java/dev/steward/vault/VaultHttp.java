package dev.steward.vault;

import dev.steward.spi.PluginFailures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * Sends requests to Vault's HTTP API: headers, JSON, retries with backoff, the token from the
 * session and a fresh login when Vault refuses it, and the mapping of failures to
 * {@link VaultException}. Thread-safe.
 */
final class VaultHttp {
    /** Jackson's tree model only: no reflection, so nothing to open to Jackson in the module. */
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_TEXT = 200;

    /** The connection's settings, defaults applied. */
    record Settings(URI address, String namespace, SSLContext ssl, Duration connectTimeout, Duration requestTimeout,
            int maxRetries, Duration firstBackoff, Duration maxBackoff, Clock clock) {
    }

    /**
     * One answer from Vault.
     *
     * @param status the HTTP status
     * @param body the parsed JSON body; a missing node when empty or not JSON
     */
    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** @return the {@code data} object of the body, or a missing node */
        JsonNode data() {
            return body.path("data");
        }

        /** @return the messages of Vault's {@code {"errors": [...]}} body */
        List<String> errors() {
            List<String> out = new ArrayList<>();
            body.path("errors").forEach(e -> out.add(e.asText()));
            return out;
        }
    }

    private final Settings settings;
    private final HttpClient client;
    private final String base;
    private final String name;
    private final VaultSession session;

    VaultHttp(Settings settings, VaultAuth auth) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                // Standby nodes that do not forward requests redirect to the active node (307).
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (settings.ssl() != null) {
            b.sslContext(settings.ssl());
        }
        this.client = b.build();
        String address = settings.address().toString();
        this.base = (address.endsWith("/") ? address : address + "/") + "v1/";
        this.name = "Vault " + settings.address();
        this.session = new VaultSession(auth, this, settings.clock());
    }

    /** @return the name failures are reported under */
    String name() {
        return name;
    }

    /**
     * Sends an authenticated call. When Vault refuses the token and the session can log in again,
     * logs in and sends the call once more.
     *
     * @param operation what is being done, for messages, e.g. {@code "reading secret a/b"}
     * @param method the HTTP method
     * @param path the path after {@code /v1/}, with any query
     * @param body the JSON body, or {@code null}
     * @param idempotent whether the call may be repeated after it may have reached Vault
     * @return Vault's answer, after retries; any status
     * @throws VaultException if no answer came
     */
    Response call(String operation, String method, String path, JsonNode body, boolean idempotent) {
        String token = session.token();
        Response r = exchange(operation, method, path, body, idempotent, token);
        if ((r.status() == 401 || r.status() == 403) && session.rejected(token)) {
            r = exchange(operation, method, path, body, idempotent, session.token());
        }
        return r;
    }

    /** Sends a call with the given token (or none), without a fresh login on refusal. */
    Response exchange(String operation, String method, String path, JsonNode body, boolean idempotent, String token) {
        for (int attempt = 0;; attempt++) {
            boolean last = attempt >= settings.maxRetries();
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request(method, path, body, token), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpConnectTimeoutException | ConnectException e) {
                // Nothing reached Vault, so any call may be tried again.
                if (last) {
                    throw new VaultException(name, VaultException.Reason.CONNECTION_FAILED, 0, operation
                            + " failed: no connection to Vault could be opened", e);
                }
                pause(attempt, 0);
                continue;
            } catch (HttpTimeoutException e) {
                if (last || !idempotent) {
                    throw new VaultException(name, VaultException.Reason.TIMEOUT, 0, operation + " failed: no answer within "
                            + settings.requestTimeout().toMillis() + " ms" + (idempotent ? "" : maybeApplied()), e);
                }
                pause(attempt, 0);
                continue;
            } catch (IOException e) {
                if (last || !idempotent) {
                    throw new VaultException(name, VaultException.Reason.CONNECTION_FAILED, 0, operation
                            + " failed: the connection broke (" + e.getClass().getSimpleName() + ")"
                            + (idempotent ? "" : maybeApplied()), e);
                }
                pause(attempt, 0);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaultException(name, VaultException.Reason.INTERRUPTED, 0, operation + " was interrupted", e);
            } catch (RuntimeException | Error e) {
                // The HTTP client's own failure: typed like a broken connection, never retried,
                // since whether the call reached Vault is unknown.
                PluginFailures.rethrowFatal(e);
                throw new VaultException(name, VaultException.Reason.CONNECTION_FAILED, 0, operation
                        + " failed: the HTTP client failed (" + e.getClass().getSimpleName() + ")"
                        + (idempotent ? "" : maybeApplied()), e);
            }
            Response r = new Response(answer.statusCode(), parse(answer.body()));
            if (last || !retryable(r.status(), idempotent)) {
                return r;
            }
            pause(attempt, answer.headers().firstValueAsLong("Retry-After").orElse(0));
        }
    }

    private static String maybeApplied() {
        return "; the write may or may not have been applied, so it is not repeated";
    }

    /**
     * 412, 429, 473 and 503 say the request was not carried out; 500, 502 and 504 may come after
     * it was, so only calls that are safe to repeat are retried on them.
     */
    private static boolean retryable(int status, boolean idempotent) {
        switch (status) {
            case 412:
            case 429:
            case 473:
            case 503:
                return true;
            case 500:
            case 502:
            case 504:
                return idempotent;
            default:
                return false;
        }
    }

    private HttpRequest request(String method, String path, JsonNode body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.requestTimeout())
                .header("X-Vault-Request", "true");
        if (token != null) {
            b.header("X-Vault-Token", token);
        }
        if (settings.namespace() != null) {
            b.header("X-Vault-Namespace", settings.namespace());
        }
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private void pause(int attempt, long retryAfterSeconds) {
        long max = settings.maxBackoff().toMillis();
        long backoff = Math.min(max, settings.firstBackoff().toMillis() << Math.min(attempt, 20));
        long wait = backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        wait = Math.max(wait, Math.min(max, retryAfterSeconds * 1000));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultException(name, VaultException.Reason.INTERRUPTED, 0, "interrupted while waiting to retry", e);
        }
    }

    /**
     * Maps an answer that the caller could not use to a {@link VaultException}; the table is in
     * {@link VaultSecretBackend}'s class comment.
     *
     * @param operation what was being done
     * @param r Vault's answer
     * @return the exception to throw
     */
    VaultException failure(String operation, Response r) {
        return failure(operation, r, null);
    }

    /**
     * @param operation what was being done
     * @param r Vault's answer
     * @param reason the reason to report, or {@code null} to derive it from the status
     * @return the exception to throw
     */
    VaultException failure(String operation, Response r, VaultException.Reason reason) {
        String errors = session.redact(String.join("; ", r.errors()));
        String joined = errors.length() > MAX_ERROR_TEXT ? errors.substring(0, MAX_ERROR_TEXT) + "…" : errors;
        String text = operation + " failed: Vault answered " + r.status() + (joined.isEmpty() ? "" : " (" + joined + ")");
        return new VaultException(name, reason == null ? reason(r.status(), errors) : reason, r.status(), text, null);
    }

    private static VaultException.Reason reason(int status, String errors) {
        switch (status) {
            case 400:
            case 405:
                return VaultException.Reason.INVALID_REQUEST;
            case 401:
            case 403:
                return VaultException.Reason.PERMISSION_DENIED;
            case 429:
                return errors.contains("rate limit") ? VaultException.Reason.RATE_LIMITED : VaultException.Reason.STANDBY;
            case 412:
            case 473:
                return VaultException.Reason.STANDBY;
            case 503:
                return VaultException.Reason.SEALED;
            case 500:
            case 502:
            case 504:
                return VaultException.Reason.SERVER_ERROR;
            default:
                return VaultException.Reason.UNEXPECTED_RESPONSE;
        }
    }

    /**
     * @param operation what was being done
     * @param what what was wrong with Vault's answer
     * @return the exception to throw
     */
    VaultException unexpected(String operation, String what) {
        return new VaultException(name, VaultException.Reason.UNEXPECTED_RESPONSE, 0, operation + " failed: " + what, null);
    }
}
