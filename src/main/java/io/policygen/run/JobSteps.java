package io.policygen.run;

import java.util.List;
import java.util.Map;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;

/** What a job execution's steps say of its end, partition by partition: where it failed, and which ended how. */
final class JobSteps {

    /** How a partition's step execution is named: the partitioned step, then the partition ("account-ID[-REGION]"). */
    private static final String PARTITION = ":account-";

    private JobSteps() {
    }

    static boolean isPartition(String stepName) {
        return stepName.contains(PARTITION);
    }

    /** "step discoverPrincipalsWorker, account 111122223333" for Spring Batch's "discoverPrincipalsWorker:account-111122223333". */
    static String where(String stepName) {
        int partition = stepName.indexOf(PARTITION);
        if (partition < 0) {
            return "step " + stepName;
        }
        String[] key = stepName.substring(partition + PARTITION.length()).split("-", 2);
        return "step " + stepName.substring(0, partition) + ", account " + key[0] + (key.length > 1 ? " in " + key[1] : "");
    }

    /** " (and 2 more partitions)" after the first of {@code partitions}. */
    static String more(int partitions) {
        return partitions > 1 ? " (and " + (partitions - 1) + " more partition" + (partitions > 2 ? "s" : "") + ")" : "";
    }

    /** The partitions whose step ended with this exit code. */
    static List<StepExecution> partitionsEnded(JobExecution execution, String exitCode) {
        return execution.getStepExecutions().stream()
                .filter(step -> isPartition(step.getStepName()) && exitCode.equals(step.getExitStatus().getExitCode()))
                .toList();
    }

    /** Each step's failures, with the step's name. */
    static List<Map.Entry<String, Throwable>> failures(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .flatMap(step -> step.getFailureExceptions().stream().filter(JobSteps::isFailure)
                        .map(failure -> Map.entry(step.getStepName(), failure)))
                .toList();
    }

    static boolean isFailure(Throwable failure) {
        return !(failure instanceof JobInterruptedException);
    }
}
