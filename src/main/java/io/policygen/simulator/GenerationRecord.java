package io.policygen.simulator;

import java.time.Instant;

/**
 * What the simulator recorded about one generation, as seen at the moment asked.
 *
 * @param completedOn null while in progress
 */
public record GenerationRecord(String accountId, String region, String principalArn, String clientToken,
                               String jobId, String status, Instant startedOn, Instant completedOn) {
}
