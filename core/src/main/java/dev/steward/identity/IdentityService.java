package dev.steward.identity;

import dev.steward.Page;
import dev.steward.authz.EnforcementMode;
import java.util.Optional;

/**
 * Registers identities and moves them through their lifecycle. Obtained from
 * {@link dev.steward.Steward#identities()}; thread-safe.
 *
 * <p>Every method that changes something takes the {@link Actor} who makes the change and writes
 * an audit event in the same unit of work. Rules enforced here:
 * <ul>
 *   <li>a non-human identity needs an active human owner;</li>
 *   <li>an agent needs an expiry no later than the configured maximum;</li>
 *   <li>only an active human approves or rejects, never their own request nor their own identity;</li>
 *   <li>when a human is suspended or retired, each non-human identity they own passes to their
 *       manager (per the host's {@link ManagerDirectory}) or is flagged orphaned.</li>
 * </ul>
 *
 * <pre>{@code
 * Identity bot = steward.identities().register(
 *     IdentitySpec.agent("code-assistant").owner(alice.id()).expiresIn(Duration.ofDays(30))
 *         .purpose("review pull requests"), alice.asActor());
 * steward.identities().approve(bot.id(), bob.asActor(), "SEC-42");
 * }</pre>
 */
public interface IdentityService {
    /**
     * Registers an identity. Humans start {@code ACTIVE}; every other kind starts
     * {@code PENDING_APPROVAL} and may not act until a human approves it.
     *
     * @param spec what to register
     * @param actor who registers it
     * @return the registered identity
     * @throws dev.steward.PolicyViolationException if the owner, expiry or actor breaks a rule
     * @throws dev.steward.ValidationException if the spec is incomplete
     */
    Identity register(IdentitySpec spec, Actor actor);

    /**
     * Approves a pending identity.
     *
     * @param id the identity
     * @param approver an active human other than its requester and other than the identity itself
     * @param reference the ticket or reason for the approval; a name, so U+0020 is its only white space
     * @return the active identity
     */
    Identity approve(IdentityId id, Actor approver, String reference);

    /**
     * Rejects a pending identity. Terminal.
     *
     * @param id the identity
     * @param approver an active human other than its requester
     * @param reason why
     * @return the rejected identity
     */
    Identity reject(IdentityId id, Actor approver, String reason);

    /**
     * Suspends an active identity. Every delegation that flows through it stops at once; a
     * suspended human's non-human identities pass to a successor or are flagged orphaned.
     *
     * @param id the identity
     * @param actor who suspends it
     * @param reason why
     * @return the suspended identity
     */
    Identity suspend(IdentityId id, Actor actor, String reason);

    /**
     * Resumes a suspended identity.
     *
     * @param id the identity
     * @param actor who resumes it
     * @param reason why
     * @return the active identity
     */
    Identity resume(IdentityId id, Actor actor, String reason);

    /**
     * Retires an identity for good; its active grants are revoked.
     *
     * @param id the identity
     * @param actor who retires it
     * @param reason why
     * @return the retired identity
     */
    Identity retire(IdentityId id, Actor actor, String reason);

    /**
     * Transfers ownership of a non-human identity to another active human; clears the orphan flag.
     *
     * @param id the identity
     * @param newOwner the new accountable human
     * @param actor who transfers it
     * @param reason why
     * @return the identity with its new owner
     */
    Identity transferOwnership(IdentityId id, IdentityId newOwner, Actor actor, String reason);

    /**
     * Changes how the tool-call guard treats the identity's denied calls.
     *
     * @param id the identity
     * @param mode the new mode
     * @param actor an active human or the host system
     * @param reason why
     * @return the identity with the new mode
     */
    Identity setEnforcementMode(IdentityId id, EnforcementMode mode, Actor actor, String reason);

    /**
     * @param id an identity id
     * @return the identity, if it exists
     */
    Optional<Identity> find(IdentityId id);

    /**
     * @param id an identity id
     * @return the identity
     * @throws dev.steward.NotFoundException if it does not exist
     */
    Identity get(IdentityId id);

    /**
     * @param query the filter and page
     * @return one page of matching identities, ordered by id
     */
    Page<Identity> query(IdentityQuery query);
}
