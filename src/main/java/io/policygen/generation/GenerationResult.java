package io.policygen.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What GetGeneratedPolicy says of a job. {@code policies} are JSON policy documents. */
public record GenerationResult(String status, Instant startedOn, Instant completedOn, String errorCode,
                               String errorMessage, List<String> policies, Boolean complete) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String SUCCEEDED = "SUCCEEDED";

    /**
     * A request whose result cannot be had any more: FAILED as {@link OutcomePolicy#RESULT_LOST}, which charges it to
     * the account, not the principal, and asks for the principal again.
     */
    public static GenerationResult lost(OpenGeneration generation, String why, Instant now) {
        Duration since = Duration.between(generation.requestedAt(), now);
        String message = why + "; requested " + generation.requestedAt() + ", "
                + (since.toDays() > 0 ? since.toDays() + " days" : since.toMinutes() + " minutes") + " before; the principal is asked again";
        return new GenerationResult("FAILED", null, now, OutcomePolicy.RESULT_LOST, message, List.of(), null);
    }

    public boolean finished() {
        return !IN_PROGRESS.equals(status);
    }
}
