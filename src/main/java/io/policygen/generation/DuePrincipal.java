package io.policygen.generation;

/** A principal whose generation is due in a Region. */
public record DuePrincipal(long principalId, String principalArn) {
}
