package dev.steward;

/**
 * What one lifecycle sweep changed. Decisions never wait for a sweep (expiry is evaluated at
 * decision time); the sweep brings stored state in line with it, and runs the reviews' schedule.
 *
 * @param grantsExpired active grants whose validity window had ended, now {@code EXPIRED}
 * @param orphansSuspended orphans past their grace period, now {@code SUSPENDED}
 * @param credentialsExpired credentials past their expiry or rotation overlap, now {@code EXPIRED}
 * @param credentialsRevokedUnused credentials unused for longer than the configured limit, now {@code REVOKED}
 * @param reviewCyclesOpened recurring review cycles and agents' reconfirmation reviews opened
 * @param reviewCyclesClosed review cycles closed at their due date (or whose interrupted close was finished)
 * @param reviewRemindersSent reminders of pending review items
 * @param reviewItemsEscalated overdue review items escalated
 * @param agentsSuspendedUnreconfirmed agents not reconfirmed by their owner in time, now {@code SUSPENDED}
 */
public record SweepReport(int grantsExpired, int orphansSuspended, int credentialsExpired,
        int credentialsRevokedUnused, int reviewCyclesOpened, int reviewCyclesClosed, int reviewRemindersSent,
        int reviewItemsEscalated, int agentsSuspendedUnreconfirmed) {
}
