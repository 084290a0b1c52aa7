package io.policygen.generation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the slot's due principals, in the store's order, while the day's budget lasts: the Region's daily quota less
 * the generations started here in the last 24 hours, by this job (its records) or anyone (Access Analyzer's listing,
 * whichever counts more). The listing is read while a generation of the slot runs, at a look that finds it running
 * ({@link GenerationTracker}), or here before a start that could reach the quota by this job's own count; not before
 * the others: a day already spent by others is told by AWS refusing that start, which costs nothing (the principal is
 * deferred as at the quota). Ten thousand slots do not wait for ten thousand listings before their first start, nor
 * share the burst of first starts with them (read right after each first start, they delayed the others' first
 * starts), nor, read before each second start, the burst of second starts (a sixth of the job's CPU in it, in a profile
 * of the scale run). When principals remain past the
 * budget it stops the slot at the quota (a business stop: the step completes, the rest stays due). It reads nothing
 * once the slot is stopped, asked to stop or past the deadline.
 * <p>
 * It keeps no position: what is due is in the database, and the budget counts what was started.
 */
public class DuePrincipalReader implements ItemStreamReader<DuePrincipal> {

    private final AccountSlot slot;
    private final Supplier<SlotOpenings> openings;
    private final OtherGenerations others;
    private final GenerationStore store;
    private final GenerationProperties properties;
    private final SlotControl control;
    private final Clock clock;
    private final GenerationEvents events;
    private final Deque<DuePrincipal> due = new ArrayDeque<>();
    private final Set<Long> read = new HashSet<>();
    private int ours;
    private boolean moreInStore;

    DuePrincipalReader(AccountSlot slot, Supplier<SlotOpenings> openings, OtherGenerations others, GenerationStore store,
                       GenerationProperties properties, SlotControl control, Clock clock, GenerationEvents events) {
        this.slot = slot;
        this.openings = openings;
        this.others = others;
        this.store = store;
        this.properties = properties;
        this.control = control;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        if (slot.stopped() || slot.settlesOnly()) {
            return;
        }
        ours = openings.get().startedInTheLastDay(slot.id());
        fetch();
        events.planned(slot.id(), Math.min(budget(), due.size()));
    }

    @Override
    public DuePrincipal read() {
        if (slot.interrupted(control)) {
            return null;
        }
        if (slot.started() > 0 && slot.started() + due.size() + (moreInStore ? 1 : 0) >= budget()) {
            others.listDayOnce(slot);
        }
        int budget = budget();
        if (due.isEmpty() && moreInStore && slot.started() < budget) {
            fetch();
        }
        if (due.isEmpty()) {
            return null;
        }
        if (slot.started() >= budget) {
            slot.stop(SlotOutcome.QUOTA_STOPPED, "daily quota of " + properties.dailyQuota(slot.id().region())
                    + " generations reached for the last 24 hours; the remaining principals are deferred to a later run");
            return null;
        }
        DuePrincipal next = due.poll();
        read.add(next.principalId());
        slot.nothingFollows(slot.started() + 1 >= budget || (due.isEmpty() && !moreInStore));
        return next;
    }

    /** The day's generations left here: by this job's records, then by Access Analyzer's listing once it was read. */
    private int budget() {
        int anyone = slot.startedBeforeThisRunByAnyone();
        return Math.max(0, properties.dailyQuota(slot.id().region()) - Math.max(ours, anyone));
    }

    /** The next due principals not read yet, one more than the budget left, to know whether any remain past it. */
    private void fetch() {
        int wanted = Math.max(0, budget() - slot.started()) + 1;
        List<DuePrincipal> page = store.due(slot.id(), clock.instant(), properties.refreshAfter(), properties.maxFailures(),
                properties.order(), read.size() + wanted);
        page.stream().filter(p -> !read.contains(p.principalId())).forEach(due::add);
        moreInStore = page.size() == read.size() + wanted;
    }
}
