package io.policygen.generation;

import java.time.Instant;
import java.util.List;

/** What GetGeneratedPolicy says of a job. {@code policies} are JSON policy documents. */
public record GenerationResult(String status, Instant startedOn, Instant completedOn, String errorCode,
                               String errorMessage, List<String> policies, Boolean complete) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String SUCCEEDED = "SUCCEEDED";

    public boolean finished() {
        return !IN_PROGRESS.equals(status);
    }
}
