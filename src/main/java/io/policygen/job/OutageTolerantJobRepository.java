package io.policygen.job;

import io.policygen.store.DatabaseOutage;
import io.policygen.store.DatabaseUse;
import io.policygen.time.Sleeper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Spring Batch's job repository, riding out a database outage as the stores do ({@link DatabaseOutage}): a
 * bookkeeping write that fails because the database went away is made again once it is back, instead of failing
 * the step (and leaving the job "in an unknown state"). Before an update is made again, the execution takes the
 * version the database holds: the failed attempt may have counted its version up without committing.
 */
public final class OutageTolerantJobRepository extends JobRepositoryDecorator {

    private final DatabaseOutage outage;
    private final DatabaseUse use;
    private final Sleeper sleeper;

    private OutageTolerantJobRepository(JobRepository repository, DatabaseOutage outage, DatabaseUse use, Sleeper sleeper) {
        super(repository, "outage-tolerant");
        this.outage = outage;
        this.use = use;
        this.sleeper = sleeper;
    }

    /** The repository, riding out outages; its statements are counted as bookkeeping in {@code use}. */
    public static JobRepository wrap(JobRepository repository, DatabaseOutage outage, DatabaseUse use, Sleeper sleeper) {
        return proxy(new OutageTolerantJobRepository(repository, outage, use, sleeper));
    }

    @Override
    protected Object call(Method method, Object[] args) throws Throwable {
        boolean again = false;
        while (true) {
            try {
                boolean takeVersion = again && "update".equals(method.getName());
                return use.bookkeeping(() -> {
                    if (takeVersion) {
                        takeStoredVersion(args[0]);
                    }
                    return method.invoke(repository, args);
                });
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (!DatabaseOutage.isUnreachable(failure) || !outage.unreachable(failure)) {
                    throw failure;
                }
            } catch (RuntimeException e) {
                // the version's read failed the same way
                if (!DatabaseOutage.isUnreachable(e) || !outage.unreachable(e)) {
                    throw e;
                }
            }
            again = true;
            sleeper.sleep(outage.retryPause());
        }
    }

    private void takeStoredVersion(Object execution) {
        if (execution instanceof StepExecution step) {
            StepExecution stored = repository.getStepExecution(step.getId());
            if (stored != null) {
                step.setVersion(stored.getVersion());
            }
        } else if (execution instanceof JobExecution job) {
            JobExecution stored = repository.getJobExecution(job.getId());
            if (stored != null) {
                job.setVersion(stored.getVersion());
            }
        }
    }
}
