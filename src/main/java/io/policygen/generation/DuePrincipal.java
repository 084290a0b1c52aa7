package io.policygen.generation;

import java.time.Instant;

/**
 * A principal whose generation is due. {@code lastGenerationId}: its latest request that counts (null: never), as read;
 * a slot claims the principal only while that is still so, so two Regions' slots never both generate for it.
 * {@code lastUsedAt}: its last use as discovery read it (null: not known).
 */
public record DuePrincipal(long principalId, String principalArn, Long lastGenerationId, Instant lastUsedAt) {
}
