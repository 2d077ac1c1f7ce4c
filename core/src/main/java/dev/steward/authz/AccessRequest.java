package dev.steward.authz;

import dev.steward.CheckReturnValue;
import dev.steward.identity.IdentityId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A question to {@link dev.steward.Steward#authorize(AccessRequest)}: may this identity perform
 * this action on this resource now, possibly on behalf of others?
 *
 * <pre>{@code
 * AccessRequest.of(bot.id(), "repo:read", "github:acme/api/pulls")
 *     .onBehalfOf(alice.id())
 *     .correlationId(toolCallId);
 * }</pre>
 *
 * <p>The format of each text is checked at decision time, and a request that breaks one is
 * denied with {@link DecisionReason#INVALID_REQUEST} (never an exception): the action as a
 * grant's action, the resource by the rules of {@link dev.steward.grant.ResourcePattern} (no
 * {@code .} or {@code ..} segments, no {@code %}, no bidirectional controls, zero-width or other
 * invisible characters, no text outside Unicode NFC), the environment as an id, and the
 * correlation id as a name: at most 1024 characters in NFC, with U+0020 as its only white space,
 * and none of the control, format, invisible, unassigned or private-use code points refused
 * everywhere. The audit event of a malformed request shows each refused code point escaped
 * ({@code \}{@code u202E}, and {@code \\} for a backslash), so that it cannot disguise the
 * event; a well-formed request is recorded as written.
 *
 * @param identity the identity that acts
 * @param action the action, e.g. {@code repo:read}
 * @param resource the concrete resource, e.g. {@code github:acme/api/pulls}
 * @param onBehalfOf the delegation chain, nearest first: {@code identity} acts for
 *     {@code onBehalfOf[0]}, which acts for {@code onBehalfOf[1]}, and so on; empty when the
 *     identity acts on its own account
 * @param environment the environment of the call; the identity's own environment when empty
 * @param correlationId the caller's id for the call, e.g. the tool-call id, recorded in the audit
 */
@CheckReturnValue
public record AccessRequest(
        IdentityId identity,
        String action,
        String resource,
        List<IdentityId> onBehalfOf,
        Optional<String> environment,
        Optional<String> correlationId) {

    /**
     * Checks that nothing is null and copies the chain. Format checks happen at decision time.
     *
     * @param identity the identity that acts
     * @param action the action, e.g. {@code repo:read}
     * @param resource the concrete resource, e.g. {@code github:acme/api/pulls}
     * @param onBehalfOf the delegation chain, nearest first: {@code identity} acts for
     *     {@code onBehalfOf[0]}, which acts for {@code onBehalfOf[1]}, and so on; empty when the
     *     identity acts on its own account
     * @param environment the environment of the call; the identity's own environment when empty
     * @param correlationId the caller's id for the call, e.g. the tool-call id, recorded in the audit
     */
    public AccessRequest {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        onBehalfOf = List.copyOf(onBehalfOf);
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /**
     * @param identity the identity that acts
     * @param action the action
     * @param resource the concrete resource
     * @return a request on the identity's own account
     */
    public static AccessRequest of(IdentityId identity, String action, String resource) {
        return new AccessRequest(identity, action, resource, List.of(), Optional.empty(), Optional.empty());
    }

    /**
     * @param chain the identities acted for, nearest first, ending with the accountable principal
     * @return a copy acting on behalf of that chain
     */
    public AccessRequest onBehalfOf(IdentityId... chain) {
        return new AccessRequest(identity, action, resource, Arrays.asList(chain), environment, correlationId);
    }

    /**
     * @param value the environment of the call
     * @return a copy in that environment
     */
    public AccessRequest environment(String value) {
        return new AccessRequest(identity, action, resource, onBehalfOf, Optional.of(value), correlationId);
    }

    /**
     * @param value the caller's id for the call
     * @return a copy carrying that correlation id
     */
    public AccessRequest correlationId(String value) {
        return new AccessRequest(identity, action, resource, onBehalfOf, environment, Optional.of(value));
    }
}
