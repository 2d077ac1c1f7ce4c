package dev.steward;

/**
 * What one lifecycle sweep changed. Decisions never wait for a sweep (expiry is evaluated at
 * decision time); the sweep brings stored state in line with it.
 *
 * @param grantsExpired active grants whose validity window had ended, now {@code EXPIRED}
 * @param orphansSuspended orphans past their grace period, now {@code SUSPENDED}
 */
public record SweepReport(int grantsExpired, int orphansSuspended) {
}
