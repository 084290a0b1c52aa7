package io.policygen.generation;

/** Opens Access Analyzer for one slot (the account's member role, the slot's Region); closed when the slot's work ends. */
@FunctionalInterface
public interface PolicyGenerationsFactory {

    Opened open(SlotId slot);

    /** The port, and what to release once the slot is done with it. */
    record Opened(PolicyGenerations generations, Runnable release) {
    }
}
