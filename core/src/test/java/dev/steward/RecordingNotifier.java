package dev.steward;

import dev.steward.review.ReviewNotice;
import dev.steward.spi.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A notifier that keeps every notice, for tests. */
final class RecordingNotifier implements Notifier {
    final List<ReviewNotice> notices = new CopyOnWriteArrayList<>();

    @Override
    public void notify(ReviewNotice notice) {
        notices.add(notice);
    }

    List<ReviewNotice> of(ReviewNotice.Kind kind) {
        return notices.stream().filter(n -> n.kind() == kind).collect(Collectors.toList());
    }
}
