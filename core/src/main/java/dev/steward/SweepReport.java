package dev.steward;

/**
 * What one lifecycle sweep changed. Decisions never wait for a sweep (expiry is evaluated at
 * decision time); the sweep brings stored state in line with it.
 *
 * @param grantsExpired active grants whose validity window had ended, now {@code EXPIRED}
 * @param orphansSuspended orphans past their grace period, now {@code SUSPENDED}
 * @param credentialsExpired credentials past their expiry or rotation overlap, now {@code EXPIRED}
 * @param credentialsRevokedUnused credentials unused for longer than the configured limit, now {@code REVOKED}
 */
public record SweepReport(int grantsExpired, int orphansSuspended, int credentialsExpired,
        int credentialsRevokedUnused) {
}
