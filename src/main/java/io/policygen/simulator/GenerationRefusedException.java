package io.policygen.simulator;

/** Access Analyzer refused to start a generation: its error code (e.g. ServiceQuotaExceededException) and message. */
public final class GenerationRefusedException extends RuntimeException {

    private final String errorCode;

    GenerationRefusedException(AwsError refusal) {
        super(refusal.code() + ": " + refusal.getMessage());
        this.errorCode = refusal.code();
    }

    public String errorCode() {
        return errorCode;
    }
}
