package io.policygen.simulator;

import java.time.Instant;

/**
 * A managed policy at its default version, as GetAccountAuthorizationDetails lists it.
 *
 * @param document the default version's document, JSON (IAM sends it URL-encoded)
 * @param aws      an AWS managed policy ({@code arn:aws:iam::aws:policy/...}), the same in every account
 */
public record ManagedPolicy(String name, String path, String arn, String id, String version, String description,
                            Instant created, Instant updated, String document, boolean aws) {
}
