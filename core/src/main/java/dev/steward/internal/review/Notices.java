package dev.steward.internal.review;

import dev.steward.spi.PluginFailures;
import dev.steward.identity.IdentityId;
import dev.steward.internal.Log;
import dev.steward.review.ReviewCycle;
import dev.steward.review.ReviewItem;
import dev.steward.review.ReviewNotice;
import dev.steward.spi.Notifier;
import java.time.Instant;

/** Makes notices and hands them to the host's notifier, whose failures never undo a change. */
final class Notices {
    private static final Log LOG = Log.of(Notices.class);

    private Notices() {
    }

    static ReviewNotice of(ReviewNotice.Kind kind, IdentityId recipient, ReviewCycle cycle, ReviewItem item,
            Instant at) {
        return new ReviewNotice(kind, recipient, item.reviewer(), cycle.id(), cycle.name(), cycle.origin(), item.id(),
                item.summary(), cycle.dueAt(), at);
    }

    static void send(Notifier notifier, ReviewNotice notice) {
        try {
            notifier.notify(notice);
        } catch (Throwable e) {
            PluginFailures.rethrowFatal(e);
            LOG.warn("the notifier {} failed on a {} notice for item {}; the change stands",
                    notifier.getClass().getName(), notice.kind(), notice.item(), e);
        }
    }
}
