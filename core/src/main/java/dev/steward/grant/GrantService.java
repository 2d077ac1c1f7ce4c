package dev.steward.grant;

import dev.steward.Page;
import dev.steward.identity.Actor;
import java.util.Optional;

/**
 * Requests, approves, denies and revokes grants. Obtained from
 * {@link dev.steward.Steward#grants()}; thread-safe.
 *
 * <p>Rules enforced here: grants to agents always end, no later than the configured maximum; the
 * approver is an active human who is neither the requester nor the grantee (separation of
 * duties); an agent may request its own just-in-time grant but never approve one. A revocation
 * takes effect for decisions on this instance before the call returns.
 *
 * <pre>{@code
 * Grant g = steward.grants().request(GrantSpec.to(bot.id()).allow("repo:read")
 *     .on("github:acme/api/**").validFor(Duration.ofHours(8)).justification("SEC-42"), bot.asActor());
 * steward.grants().approve(g.id(), alice.asActor(), "SEC-42");
 * }</pre>
 */
public interface GrantService {
    /**
     * Requests a grant; it allows nothing until approved.
     *
     * @param spec what to grant
     * @param requester the grantee itself (just-in-time), an active human, or the host system
     * @return the requested grant
     */
    Grant request(GrantSpec spec, Actor requester);

    /**
     * Approves a requested grant, which becomes active.
     *
     * @param id the grant
     * @param approver an active human other than the requester and the grantee
     * @param reference the ticket or reason for the approval; a name, so U+0020 is its only white space
     * @return the active grant
     */
    Grant approve(GrantId id, Actor approver, String reference);

    /**
     * Denies a requested grant. Terminal.
     *
     * @param id the grant
     * @param approver an active human other than the requester and the grantee
     * @param reason why
     * @return the denied grant
     */
    Grant deny(GrantId id, Actor approver, String reason);

    /**
     * Revokes a requested or active grant, at once. Terminal.
     *
     * @param id the grant
     * @param actor an active human or the host system
     * @param reason why
     * @return the revoked grant
     */
    Grant revoke(GrantId id, Actor actor, String reason);

    /**
     * @param id a grant id
     * @return the grant, if it exists
     */
    Optional<Grant> find(GrantId id);

    /**
     * @param id a grant id
     * @return the grant
     * @throws dev.steward.NotFoundException if it does not exist
     */
    Grant get(GrantId id);

    /**
     * @param query the filter and page
     * @return one page of matching grants, ordered by id
     */
    Page<Grant> query(GrantQuery query);
}
