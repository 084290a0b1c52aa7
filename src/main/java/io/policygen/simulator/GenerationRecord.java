package io.policygen.simulator;

import java.time.Instant;

/**
 * What the simulator recorded about one generation, as seen at the moment asked.
 *
 * @param clientToken  null for a console user's generation
 * @param completedOn  null while in progress
 * @param errorCode    the job error of a FAILED generation; null otherwise
 * @param logFilesRead CloudTrail log files the generation reads (or would: above the limit it stops there)
 * @param console      started by someone else (a console user) rather than through the API by the job
 * @param endSeenOn    when a GetGeneratedPolicy first answered that it had ended; null before that
 */
public record GenerationRecord(String accountId, String region, String principalArn, String clientToken,
                               String jobId, String status, Instant startedOn, Instant completedOn,
                               JobErrorCode errorCode, long logFilesRead, boolean console, Instant endSeenOn) {
}
