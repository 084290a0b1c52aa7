package io.policygen.generation;

import io.policygen.time.TimeSource;
import java.time.Clock;

/** Opens the generate step's partitions: one {@link GenerationSlot} per account and Region, over shared services. */
public final class GenerationSlots {

    private final PolicyGenerationsFactory accessAnalyzer;
    private final GenerationStore store;
    private final GenerationProperties properties;
    private final DurationEstimator estimator;
    private final SlotControl control;
    private final TimeSource time;
    private final GenerationEvents events;

    public GenerationSlots(PolicyGenerationsFactory accessAnalyzer, GenerationStore store, GenerationProperties properties,
                           DurationEstimator estimator, SlotControl control, TimeSource time, GenerationEvents events) {
        this.accessAnalyzer = accessAnalyzer;
        this.store = store;
        this.properties = properties;
        this.estimator = estimator;
        this.control = control;
        this.time = time;
        this.events = events;
    }

    public GenerationSlot open(SlotId id, long runId) {
        Clock clock = time.clock();
        AccountSlot slot = new AccountSlot(id, runId, clock.instant(), time.ticker().nanos());
        PolicyGenerationsFactory.Opened aws = accessAnalyzer.open(id);
        GenerationSender sender = new GenerationSender(aws.generations(), store, control, properties.pollMin(), clock, events);
        GenerationTracker tracker = new GenerationTracker(aws.generations(), store, properties, estimator, control, time, events);
        GenerationSettler settler = new GenerationSettler(sender, tracker);
        return new GenerationSlot(slot,
                new DuePrincipalReader(slot, store, properties, control, clock, events),
                new GenerationWriter(slot, store, settler, properties, clock),
                new AccountSlotListener(slot, store, settler, control, time, events),
                aws.release());
    }
}
