package dev.steward.credential;

import dev.steward.audit.AuditEventId;
import dev.steward.identity.IdentityId;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link CredentialService#reportExposure} did about a leaked credential.
 *
 * @param credential the credential, now revoked (or as it was, if it had already expired or been revoked)
 * @param identity the identity it belonged to
 * @param owner that identity's accountable owner, to be told
 * @param auditEventId the exposure's audit event
 * @param rotationAvailable whether {@link CredentialService#rotateKey} or {@link CredentialService#rotateSecret} can issue a replacement
 */
public record ExposureReport(Credential credential, IdentityId identity, Optional<IdentityId> owner,
        AuditEventId auditEventId, boolean rotationAvailable) {
    /**
     * Checks that nothing is null.
     *
     * @param credential the credential, now revoked (or as it was, if it had already expired or been revoked)
     * @param identity the identity it belonged to
     * @param owner that identity's accountable owner, to be told
     * @param auditEventId the exposure's audit event
     * @param rotationAvailable whether {@link CredentialService#rotateKey} or
     *     {@link CredentialService#rotateSecret} can issue a replacement
     */
    public ExposureReport {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(auditEventId, "auditEventId");
    }
}
