package io.policygen.generation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The port to Access Analyzer's policy generation, in one account and Region. */
public interface PolicyGenerations {

    /**
     * Starts a generation, or, for a clientToken already used with the same request, returns its job again.
     *
     * @throws QuotaExceededException   the account's concurrent or daily quota is reached: stop there for this run
     * @throws GenerationRejectedException the request was refused for this principal (validation, access denied)
     * @throws GenerationUnavailableException no answer could be had (5xx, throttling or I/O past the SDK's retries):
     *                                  the generation may or may not have started
     */
    String start(GenerationRequest request, UUID clientToken);

    /** The job's state, and its policy once it has succeeded. */
    GenerationResult get(String jobId);

    /**
     * The jobs Access Analyzer still lists for the principal (the last 7 days), newest first: how a request whose
     * answer was lost is found again without relying on how long AWS honours its clientToken.
     */
    List<ListedJob> jobsFor(String principalArn);

    /** Cancels a job (it still counts against the daily quota). */
    void cancel(String jobId);

    record ListedJob(String jobId, String status, Instant startedOn) {
    }

    /** A quota refusal: a business stop for the account, not an error. */
    final class QuotaExceededException extends RuntimeException {
        public QuotaExceededException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** AWS answered, and said no for this request. */
    final class GenerationRejectedException extends RuntimeException {
        private final String code;

        public GenerationRejectedException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** No usable answer: what happened at AWS is unknown. */
    final class GenerationUnavailableException extends RuntimeException {
        public GenerationUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
