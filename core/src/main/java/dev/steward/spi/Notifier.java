package dev.steward.spi;

import dev.steward.review.ReviewNotice;

/**
 * Tells people about review work: items assigned to them, reminders, escalations, items handed to
 * them, reconfirmations due. Supplied by the host (mail, chat, a ticket queue) through
 * {@code Steward.builder().notifier(...)}; {@link #NONE} by default.
 *
 * <p>Steward calls it only after the change that gives rise to the notice has committed, and only
 * on the instance that made that change, so several instances sweeping one store do not send a
 * notice twice. A notifier that throws is logged and skipped: a notice is never a reason to undo a
 * committed change. Implementations must be thread-safe and should return quickly (queue the
 * delivery).
 */
@FunctionalInterface
public interface Notifier {
    /** A notifier that drops every notice. */
    Notifier NONE = notice -> { };

    /** @param notice what to tell whom */
    void notify(ReviewNotice notice);
}
