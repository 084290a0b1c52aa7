package io.policygen.generation;

/** Why an account (in a Region) cannot generate: AWS's code and message, and what to do about it, in plain words. */
public record SetupProblem(String code, String message, String fix) {
}
