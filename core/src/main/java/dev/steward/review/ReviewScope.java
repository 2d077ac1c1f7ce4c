package dev.steward.review;

import dev.steward.CheckReturnValue;
import dev.steward.ValidationException;
import dev.steward.grant.ResourcePattern;
import dev.steward.identity.Identity;
import dev.steward.identity.IdentityId;
import dev.steward.identity.IdentityKind;
import dev.steward.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link ReviewCycle} covers. Every criterion is optional (empty means no restriction) and
 * criteria combine with AND; a cycle snapshots, when it opens, the active grants and credentials and
 * the ownerships of the non-human identities that match.
 *
 * <ul>
 *   <li>{@code identityKinds}, {@code owners}, {@code environments}, {@code subjects} select the
 *       identities whose access is reviewed (a person has no owner, so an owner filter selects
 *       non-human identities only);</li>
 *   <li>{@code itemKinds} selects grants, credentials and/or ownerships;</li>
 *   <li>{@code resourcePatterns} keeps the grants whose pattern, as written, one of them covers
 *       ({@code github:acme/**} covers {@code github:acme/api/*}); other kinds of item have no
 *       resource and are not restricted by it;</li>
 *   <li>{@code risks} keeps only items flagged with at least one of these risks. An item is flagged
 *       {@link ReviewRisk#UNUSED} when not used for {@code unusedFor}, {@link ReviewRisk#PRIVILEGED}
 *       when a grant allows one of {@code privilegedActions}, {@link ReviewRisk#DELEGATED} when a
 *       grant is delegated, {@link ReviewRisk#PAST_MAX_AGE} when a credential is older than its
 *       type's maximum age; flags are recorded on every item as evidence, selected or not.</li>
 * </ul>
 *
 * @param identityKinds only identities of these kinds
 * @param owners only non-human identities owned by one of these people
 * @param environments only identities in one of these environments
 * @param subjects only these identities (micro-reviews name the one they are about)
 * @param itemKinds only items of these kinds
 * @param resourcePatterns only grants whose pattern one of these covers
 * @param risks only items flagged with one of these risks
 * @param unusedFor how long without use flags an item {@link ReviewRisk#UNUSED}
 * @param privilegedActions the actions the host marks privileged
 */
@CheckReturnValue
public record ReviewScope(
        Set<IdentityKind> identityKinds,
        Set<IdentityId> owners,
        Set<String> environments,
        Set<IdentityId> subjects,
        Set<ReviewItemKind> itemKinds,
        List<String> resourcePatterns,
        Set<ReviewRisk> risks,
        Optional<Duration> unusedFor,
        Set<String> privilegedActions) {

    /**
     * Copies the collections and checks the patterns, actions and the unused period.
     *
     * @param identityKinds only identities of these kinds
     * @param owners only non-human identities owned by one of these people
     * @param environments only identities in one of these environments
     * @param subjects only these identities (micro-reviews name the one they are about)
     * @param itemKinds only items of these kinds
     * @param resourcePatterns only grants whose pattern one of these covers
     * @param risks only items flagged with one of these risks
     * @param unusedFor how long without use flags an item {@link ReviewRisk#UNUSED}
     * @param privilegedActions the actions the host marks privileged
     */
    public ReviewScope {
        identityKinds = Set.copyOf(identityKinds);
        owners = Set.copyOf(owners);
        environments = Set.copyOf(environments);
        subjects = Set.copyOf(subjects);
        itemKinds = Set.copyOf(itemKinds);
        resourcePatterns = List.copyOf(resourcePatterns);
        resourcePatterns.forEach(ResourcePattern::parse);
        risks = Set.copyOf(risks);
        Objects.requireNonNull(unusedFor, "unusedFor");
        unusedFor.ifPresent(d -> Checks.positive("unusedFor", d));
        privilegedActions = Set.copyOf(privilegedActions);
        privilegedActions.forEach(a -> Checks.action("privilegedActions", a));
        environments.forEach(e -> Checks.id("environments", e));
        if (risks.contains(ReviewRisk.UNUSED) && unusedFor.isEmpty()) {
            throw new ValidationException("unusedFor", "is required to select unused items");
        }
        if (risks.contains(ReviewRisk.PRIVILEGED) && privilegedActions.isEmpty()) {
            throw new ValidationException("privilegedActions", "are required to select privileged grants");
        }
    }

    /** @return a scope that covers every grant, credential and ownership */
    public static ReviewScope everything() {
        return new ReviewScope(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of(), Set.of(),
                Optional.empty(), Set.of());
    }

    /**
     * @param identity an identity
     * @return whether its access is in scope
     */
    public boolean covers(Identity identity) {
        return (identityKinds.isEmpty() || identityKinds.contains(identity.kind()))
                && (owners.isEmpty() || identity.owner().filter(owners::contains).isPresent())
                && (environments.isEmpty() || environments.contains(identity.environment()))
                && (subjects.isEmpty() || subjects.contains(identity.id()));
    }

    /**
     * @param kind a kind of item
     * @return whether items of that kind are in scope
     */
    public boolean covers(ReviewItemKind kind) {
        return itemKinds.isEmpty() || itemKinds.contains(kind);
    }

    /**
     * @param flagged the risks an item was flagged with
     * @return whether the risk filter keeps it
     */
    public boolean keeps(Set<ReviewRisk> flagged) {
        if (risks.isEmpty()) {
            return true;
        }
        for (ReviewRisk r : flagged) {
            if (risks.contains(r)) {
                return true;
            }
        }
        return false;
    }
}
