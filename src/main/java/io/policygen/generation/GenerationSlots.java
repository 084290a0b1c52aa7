package io.policygen.generation;

import io.policygen.time.TimeSource;
import java.time.Clock;
import java.time.Duration;

/** Opens the generate step's partitions: one {@link GenerationSlot} per account and Region, over shared services. */
public final class GenerationSlots {

    /** A success this recent anywhere in the organization proves its setup: no canaries, no waiting. */
    private static final Duration PROVEN_WITHIN = Duration.ofDays(7);
    /** A failing Access Analyzer is said once, then once a minute, however many slots look. */
    private static final Duration FAILURES_SUMMED_OVER = Duration.ofMinutes(1);
    /** How long without a failure ends a stretch of them: longer than a slot's first looks after one, 1 s to 8 s apart. */
    private static final Duration FAILURES_ENDED_AFTER = Duration.ofSeconds(20);

    private final PolicyGenerationsFactory accessAnalyzer;
    private final GenerationStore store;
    private final SlotStore slots;
    private final GenerationProperties properties;
    private final DurationEstimator estimator;
    private final SlotControl control;
    private final TimeSource time;
    private final GenerationEvents events;
    private final SetupGate gate;
    private final FailureDigest pollFailures;
    private final FailureDigest listingFailures;
    private SlotOpenings openings;
    private long openingsRun = -1;

    public GenerationSlots(PolicyGenerationsFactory accessAnalyzer, GenerationStore store, SlotStore slots,
                           GenerationProperties properties, DurationEstimator estimator, SlotControl control, TimeSource time,
                           GenerationEvents events) {
        this.accessAnalyzer = accessAnalyzer;
        this.store = store;
        this.slots = slots;
        this.properties = properties;
        this.estimator = estimator;
        this.control = control;
        this.time = time;
        this.events = events;
        this.gate = new SetupGate(properties.setupCanaries(),
                () -> store.anySucceededSince(time.clock().instant().minus(PROVEN_WITHIN)), properties.pollMin());
        this.pollFailures = new FailureDigest("poll-failed", time.ticker(), FAILURES_SUMMED_OVER, FAILURES_ENDED_AFTER);
        this.listingFailures = new FailureDigest("listing-failed", time.ticker(), FAILURES_SUMMED_OVER, FAILURES_ENDED_AFTER);
    }

    /** Every slot of the step has ended: a stretch of failed calls still open is said to have ended. */
    public void allEnded() {
        pollFailures.ended();
        listingFailures.ended();
    }

    /** Shared by the run's slots: whether the organization's setup has been seen to work. */
    public SetupGate gate() {
        return gate;
    }

    /** Every slot's past, read when the run's first slot opens. */
    private synchronized SlotOpenings openings(long runId) {
        if (openingsRun != runId) {
            openings = SlotOpenings.read(store, slots, time.clock().instant());
            openingsRun = runId;
        }
        return openings;
    }

    /** The slot of a Region among {@code generation.regions}, in an account in scope. */
    public GenerationSlot open(SlotId id, long runId) {
        return open(id, runId, SlotScope.WORKED);
    }

    public GenerationSlot open(SlotId id, long runId, SlotScope scope) {
        Clock clock = time.clock();
        AccountSlot slot = new AccountSlot(id, runId, clock.instant(), time.ticker().nanos());
        slot.scope(scope);
        PolicyGenerationsFactory.Opened aws = accessAnalyzer.open(id);
        OtherGenerations others = new OtherGenerations(aws.generations(), store, properties, estimator, control, time, pollFailures,
                listingFailures);
        OutcomePolicy outcomes = new OutcomePolicy(properties, gate);
        GenerationSender sender = new GenerationSender(aws.generations(), store, others, outcomes, control, properties.pollMin(), clock,
                events);
        GenerationTracker tracker = new GenerationTracker(aws.generations(), others, store, properties, estimator, outcomes, control,
                time, events, pollFailures);
        GenerationSettler settler = new GenerationSettler(sender, tracker);
        CloudTrailWindow window = new CloudTrailWindow(slots, properties, clock);
        return new GenerationSlot(slot,
                new DuePrincipalReader(slot, () -> openings(runId), others, store, properties, control, clock, events),
                new GenerationWriter(slot, store, settler, window, gate, control, clock),
                new AccountSlotListener(slot, () -> openings(runId), new SlotRecords(slots, properties, clock), settler, window, gate,
                        control, time, events),
                aws.release());
    }
}
