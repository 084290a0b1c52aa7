package io.policygen.generation;

import java.time.Instant;
import java.util.UUID;

/**
 * A generation request whose outcome is not stored yet: PENDING (no jobId: outcome of the call unknown) or
 * IN_PROGRESS. {@code runId} is the run that made the request.
 */
public record OpenGeneration(long generationId, String principalArn, UUID clientToken, String jobId, GenerationRequest request,
                             Instant requestedAt, long runId) {

    public OpenGeneration withJobId(String newJobId) {
        return new OpenGeneration(generationId, principalArn, clientToken, newJobId, request, requestedAt, runId);
    }
}
