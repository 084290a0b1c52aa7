package io.policygen.generation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The port to Access Analyzer's policy generation, in one account and Region. */
public interface PolicyGenerations {

    /** How long Access Analyzer lists a generation (ListPolicyGenerations: "requested in the last seven days"). */
    Duration LISTED_FOR = Duration.ofDays(7);

    /**
     * Starts a generation, or, for a clientToken already used with the same request, returns its job again.
     *
     * @throws QuotaExceededException   the account's concurrent or daily quota is reached (AWS's answer does not say
     *                                  which for sure: the caller finds out with {@link #jobsInAccount()})
     * @throws GenerationConflictException AWS refused the start for a conflicting generation (how it may also say
     *                                  that another generation is in progress)
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

    /**
     * Every generation of the account in this Region that Access Analyzer still lists (the last 7 days), whoever
     * started it: a console user's or another tool's included.
     */
    List<ListedJob> jobsInAccount();

    /** Cancels a job (it still counts against the daily quota). */
    void cancel(String jobId);

    record ListedJob(String jobId, String principalArn, String status, Instant startedOn) {

        public boolean inProgress() {
            return GenerationResult.IN_PROGRESS.equals(status);
        }
    }

    /** A quota refusal: a business stop for the account, not an error. */
    final class QuotaExceededException extends RuntimeException {
        public QuotaExceededException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A conflict refusal (ConflictException): for a start that is not a reuse of its token, another generation is running. */
    final class GenerationConflictException extends RuntimeException {
        public GenerationConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** AWS answered, and said no for this request. */
    final class GenerationRejectedException extends RuntimeException {
        private final String code;
        private final List<String> fields;

        /** {@code fields}: the request's fields a ValidationException names ({@code fieldList}), if any. */
        public GenerationRejectedException(String code, String message, List<String> fields, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.fields = List.copyOf(fields);
        }

        public String code() {
            return code;
        }

        public List<String> fields() {
            return fields;
        }
    }

    /** No usable answer: what happened at AWS is unknown; or, not {@link #reachedAws()}, nothing happened there. */
    final class GenerationUnavailableException extends RuntimeException {
        private final boolean reachedAws;

        public GenerationUnavailableException(String message, Throwable cause) {
            this(message, cause, true);
        }

        public GenerationUnavailableException(String message, Throwable cause, boolean reachedAws) {
            super(message, cause);
            this.reachedAws = reachedAws;
        }

        /** False when AWS refused the call's credentials as expired: the call did nothing, and the run is stopping. */
        public boolean reachedAws() {
            return reachedAws;
        }
    }
}
