package io.policygen.generation;

import java.time.Duration;
import java.time.Instant;
import org.springframework.batch.core.step.StepExecution;

/**
 * One slot's state in one run: which account and Region, why it stopped (if it did) and what it did. Its reader,
 * writer and listener share it. The first stop wins: a quota refusal is not turned into a deadline later.
 */
public final class AccountSlot {

    private final SlotId id;
    private final long runId;
    private final Instant openedAt;
    private final long openedNanos;
    private volatile StepExecution step;
    private volatile SlotOutcome stop;
    private volatile String stopReason;
    private volatile SetupProblem setupProblem;
    private Integer windowDays;
    private int failuresInARow;
    private boolean firstOutcomeSeen;
    private int started;
    private boolean nothingFollows;
    private long busyNanos;
    private volatile int startedBeforeByAnyone = -1;
    private volatile SlotScope scope = SlotScope.WORKED;

    public AccountSlot(SlotId id, long runId, Instant openedAt, long openedNanos) {
        this.id = id;
        this.runId = runId;
        this.openedAt = openedAt;
        this.openedNanos = openedNanos;
    }

    public SlotId id() {
        return id;
    }

    public long runId() {
        return runId;
    }

    /** When the slot opened, by the AWS clock: a request made before it belongs to an earlier run. */
    public Instant openedAt() {
        return openedAt;
    }

    long openedNanos() {
        return openedNanos;
    }

    /** The step this slot works in: a stop on request ends it as Spring Batch means, STOPPED and restartable. */
    void attach(StepExecution stepExecution) {
        this.step = stepExecution;
    }

    void scope(SlotScope scope) {
        this.scope = scope;
    }

    /** A Region or account left out since requests were made there: the slot settles them and starts nothing. */
    boolean settlesOnly() {
        return scope.settlesOnly();
    }

    /** An account the settings now leave out, where earlier runs left requests open. */
    boolean accountLeftOut() {
        return scope == SlotScope.ACCOUNT_LEFT_OUT;
    }

    /** Whether a request an earlier run recorded but AWS does not hold may be sent now. */
    boolean sendsUnsent() {
        return scope.sendsUnsent();
    }

    public boolean stopped() {
        return stop != null;
    }

    public void stop(SlotOutcome outcome, String reason) {
        if (stop != null) {
            return;
        }
        stopReason = reason;
        // an account the settings leave out is no setup for anyone to fix: what it holds open waits for a run that
        // can read it (SlotRecords says so in the log), and the run does not end 5 for it
        stop = outcome.needsSetupFix() && scope == SlotScope.ACCOUNT_LEFT_OUT ? SlotOutcome.DONE : outcome;
        if (outcome == SlotOutcome.STOPPED && step != null) {
            step.setTerminateOnly();
        }
    }

    /** Stops the slot for what its setup (or the organization's) does wrong: no more quota is spent here this run. */
    public void stopForSetup(SlotOutcome outcome, SetupProblem problem) {
        if (stop == null) {
            setupProblem = problem;
        }
        String message = problem.message().endsWith(".") ? problem.message() : problem.message() + ".";
        stop(outcome, problem.code() + ": " + message + " Fix: " + problem.fix());
    }

    public SetupProblem setupProblem() {
        return setupProblem;
    }

    /** Days of CloudTrail to request here: learnt from the CloudTrail limits, or null for the configured lookback. */
    Integer windowDays() {
        return windowDays;
    }

    void windowDays(Integer days) {
        this.windowDays = days;
    }

    /** Counts a failure charged to a principal; returns how many came in a row. */
    int failedInARow() {
        return ++failuresInARow;
    }

    void succeeded() {
        failuresInARow = 0;
    }

    /** Whether a generation of this slot ended in this run. */
    boolean hadOutcome() {
        return firstOutcomeSeen;
    }

    /** True the first time only: whether this is the first generation of the slot to end in this run. */
    boolean firstOutcome() {
        boolean first = !firstOutcomeSeen;
        firstOutcomeSeen = true;
        return first;
    }

    /** Stops the slot when the run was asked to stop or is past its deadline; true when the slot is stopped. */
    boolean interrupted(SlotControl control) {
        if (control.stopRequested()) {
            stop(SlotOutcome.STOPPED, "the run was asked to stop");
        } else if (control.pastDeadline()) {
            stop(SlotOutcome.DEADLINE, "the run reached policygen.run.max-duration; the remaining principals are deferred to the next run");
        }
        return stopped();
    }

    public SlotOutcome outcome() {
        return stop == null ? SlotOutcome.DONE : stop;
    }

    public String stopReason() {
        return stopReason;
    }

    void countStarted() {
        started++;
    }

    /**
     * Whether the principal its reader gave out last is the last this slot starts in this run, as far as the reader
     * knows (the day's budget ends with it, or nothing else is due): no start waits for that generation's end.
     */
    boolean nothingFollows() {
        return nothingFollows;
    }

    void nothingFollows(boolean last) {
        this.nothingFollows = last;
    }

    /** Generations this slot started in this run. */
    public int started() {
        return started;
    }

    /** What Access Analyzer's listing says was started here in the last 24 hours before this slot's own starts. */
    void listedDay(int startedInTheLastDay) {
        startedBeforeByAnyone = Math.max(0, startedInTheLastDay - started);
    }

    boolean dayListed() {
        return startedBeforeByAnyone >= 0;
    }

    /** Started here by anyone in the last 24 hours before this slot started any, by the listing; 0 until it is read. */
    int startedBeforeThisRunByAnyone() {
        return Math.max(0, startedBeforeByAnyone);
    }

    /**
     * The slot was busy while AWS ran one of its generations, by AWS's own times; what the tracker adds is idle time.
     * Only while the slot was open: one an earlier run started counts from the opening (else a slot that settled an
     * earlier run's generations could be busy longer than it was open).
     */
    void countBusy(Instant startedOn, Instant completedOn) {
        if (startedOn == null || completedOn == null) {
            return;
        }
        Instant from = startedOn.isBefore(openedAt) ? openedAt : startedOn;
        if (completedOn.isAfter(from)) {
            busyNanos += Duration.between(from, completedOn).toNanos();
        }
    }

    Duration busy() {
        return Duration.ofNanos(busyNanos);
    }
}
