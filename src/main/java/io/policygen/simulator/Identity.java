package io.policygen.simulator;

import java.time.Instant;

/**
 * Who signed a request: the credentials and the account they act in.
 *
 * @param sessionToken null for long-term keys
 * @param management   true for the management account's long-term keys, the only ones that may assume the member role
 */
record Identity(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                       String arn, String userId, boolean management, Instant expiration) {

    Identity expiredAt(Instant when) {
        return new Identity(accessKeyId, secretAccessKey, sessionToken, accountId, arn, userId, management, when);
    }
}
