package io.policygen.gap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Reads an account's principals whose gap is due, a page at a time from the {@link GapSource}. It keeps no position
 * for a restart: what is due is in the database (a principal whose stored gap matches its policies and generation is
 * not read again). It reads nothing more once a stop is requested.
 */
public class GapReader implements ItemReader<GapInput> {

    private final GapSource source;
    private final int pageSize;
    private final BooleanSupplier stopRequested;
    private final Deque<GapInput> page = new ArrayDeque<>();
    private long after;
    private boolean last;

    public GapReader(GapSource source, int pageSize, BooleanSupplier stopRequested) {
        this.source = source;
        this.pageSize = pageSize;
        this.stopRequested = stopRequested;
    }

    @Override
    public GapInput read() {
        if (page.isEmpty() && !last && !stopRequested.getAsBoolean()) {
            List<GapInput> next = source.page(after, pageSize);
            last = next.size() < pageSize;
            if (!next.isEmpty()) {
                after = next.getLast().principal().principalId();
            }
            page.addAll(next);
        }
        return page.poll();
    }
}
