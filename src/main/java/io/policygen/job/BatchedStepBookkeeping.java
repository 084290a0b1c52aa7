package io.policygen.job;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Spring Batch's job repository, writing a running step's progress at most every {@code interval}: a chunk-oriented
 * step saves its execution and its context after every chunk, and the generate step's chunks are one generation each,
 * so ten thousand slots would save three rows per generation for counts nobody reads while it runs. A step's start is
 * left as its progress is (the row says STARTING until then): ten thousand slots opening at once would otherwise write
 * ten thousand rows before their first generation. Every other change of status is written at once (the end, a
 * failure, a stop; see below for when), and so is the progress of a step running for longer than {@code interval}; a
 * write that would store what is stored already (Spring Batch saves a step's context at its end twice) is left out.
 * <p>
 * policygen's own state is in its tables, committed as it changes. A step whose last progress was not written (a
 * killed run; STARTING and STARTED are both running to Spring Batch) is failed and restarted by the next run as
 * before, its reader reading what is due from the database. What is given up: a stop requested through Spring Batch's
 * {@code JobOperator.stop} from another process is noticed within {@code interval} instead of at the next chunk
 * (policygen stops its slots through its own run control).
 * <p>
 * A step that this run executes has its end written once, after its listeners: Spring Batch 6 saves a step's end
 * before its {@code afterStep} listeners run and again after them ({@code AbstractStep.execute}, 6.0.4), and those
 * listeners record what the step did (an account's listing, a slot's outcome). A run killed between the two would
 * leave the step COMPLETED with that record missing, and a restart skips a COMPLETED step; holding the first write
 * leaves it running instead, so the restart fails it and runs it again. An end written for a step this run did not
 * start (a step a killed run left running, failed before the restart) is written at once.
 */
public final class BatchedStepBookkeeping extends JobRepositoryDecorator {

    private final long intervalNanos;
    private final LongSupplier ticker;
    /** Per step execution: what was last written of it, and when its progress was. */
    private final Map<Long, Written> written = new ConcurrentHashMap<>();

    private static final class Written {
        volatile long progressAt;
        volatile boolean progressPending;
        volatile long contextAt;
        volatile boolean contextPending;
        volatile String step;
        volatile Map<String, Object> context;
        volatile boolean started;
        volatile boolean endHeld;
    }

    private BatchedStepBookkeeping(JobRepository repository, Duration interval, LongSupplier ticker) {
        super(repository, "batched");
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
    }

    public static JobRepository wrap(JobRepository repository, Duration interval, LongSupplier ticker) {
        return proxy(new BatchedStepBookkeeping(repository, interval, ticker));
    }

    @Override
    protected Object call(Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "update" -> {
                if (args[0] instanceof StepExecution step && !stepToWrite(step)) {
                    return null;
                }
            }
            case "updateExecutionContext" -> {
                if (args[0] instanceof StepExecution step && !contextToWrite(step)) {
                    return null;
                }
            }
            default -> {
            }
        }
        Object result = invokeRepository(method, args);
        if (result instanceof StepExecution created && "createStepExecution".equals(method.getName())) {
            state(created).context = contents(created);
        }
        return result;
    }

    private Object invokeRepository(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(repository, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * A running step's progress is left for one interval after its start and then written at most once an interval;
     * the first end of a step started here is left for the second, which follows its listeners; any other status is
     * written unless nothing Spring Batch stores of the step changed since it was last written.
     */
    private boolean stepToWrite(StepExecution step) {
        Written state = state(step);
        if (step.getStatus() == BatchStatus.STARTED) {
            state.started = true;
            if (due(state, true)) {
                return false;
            }
        }
        if (!step.getStatus().isRunning() && state.started && !state.endHeld) {
            state.endHeld = true;
            return false;
        }
        String fingerprint = fingerprint(step);
        if (fingerprint.equals(state.step)) {
            return false;
        }
        state.step = fingerprint;
        return true;
    }

    /** The same for the step's context: left while running, and never written unchanged. */
    private boolean contextToWrite(StepExecution step) {
        Written state = state(step);
        if (step.getStatus() == BatchStatus.STARTED && due(state, false)) {
            return false;
        }
        Map<String, Object> contents = contents(step);
        if (contents.equals(state.context)) {
            return false;
        }
        state.context = contents;
        return true;
    }

    /** Whether a running step's write is to be left for later: true within the interval since the last one. */
    private boolean due(Written state, boolean progress) {
        long now = ticker.getAsLong();
        long last = progress ? state.progressAt : state.contextAt;
        boolean pending = progress ? state.progressPending : state.contextPending;
        if (!pending) {
            if (progress) {
                state.progressPending = true;
                state.progressAt = now;
            } else {
                state.contextPending = true;
                state.contextAt = now;
            }
            return true;
        }
        if (now - last < intervalNanos) {
            return true;
        }
        if (progress) {
            state.progressAt = now;
        } else {
            state.contextAt = now;
        }
        return false;
    }

    private Written state(StepExecution step) {
        return written.computeIfAbsent(step.getId(), id -> new Written());
    }

    /** What the repository stores of a step, its last-updated time aside. */
    private static String fingerprint(StepExecution step) {
        return step.getStatus() + "|" + step.getExitStatus() + "|" + step.getReadCount() + "|" + step.getWriteCount() + "|"
                + step.getCommitCount() + "|" + step.getRollbackCount() + "|" + step.getFilterCount() + "|"
                + step.getReadSkipCount() + "|" + step.getProcessSkipCount() + "|" + step.getWriteSkipCount() + "|"
                + step.getStartTime() + "|" + step.getEndTime();
    }

    private static Map<String, Object> contents(StepExecution step) {
        Map<String, Object> copy = new HashMap<>();
        step.getExecutionContext().entrySet().forEach(entry -> copy.put(entry.getKey(), entry.getValue()));
        return copy;
    }
}
