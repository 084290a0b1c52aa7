package io.policygen.generation;

import java.time.Instant;
import java.util.List;

/** Everything a StartPolicyGeneration call carries besides its clientToken. Stored, so that a re-send is identical. */
public record GenerationRequest(String principalArn, List<GenerationProperties.Trail> trails, String accessRoleArn,
                                Instant startTime, Instant endTime) {
}
