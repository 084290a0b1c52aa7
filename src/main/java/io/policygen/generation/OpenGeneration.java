package io.policygen.generation;

import java.time.Instant;
import java.util.UUID;

/** A generation request whose outcome is not stored yet: PENDING (no jobId: outcome of the call unknown) or IN_PROGRESS. */
public record OpenGeneration(long generationId, String principalArn, UUID clientToken, String jobId, GenerationRequest request,
                             Instant requestedAt) {

    public OpenGeneration withJobId(String newJobId) {
        return new OpenGeneration(generationId, principalArn, clientToken, newJobId, request, requestedAt);
    }
}
