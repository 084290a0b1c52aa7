package io.policygen.simulator;

/** The {@code jobError} of a FAILED generation, as GetGeneratedPolicy returns it. */
record JobError(JobErrorCode code, String message) {
}
