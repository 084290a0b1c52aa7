package io.policygen.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every access key the simulator knows: the management account's fixed keys, and the temporary
 * credentials AssumeRole handed out, each bound to the account whose role was assumed.
 */
final class CredentialStore {

    private final Map<String, Identity> byAccessKey = new ConcurrentHashMap<>();
    private final Identity management;
    private final long seed;
    private final AtomicLong issued = new AtomicLong();

    CredentialStore(SimulatorOptions options, String managementAccountId) {
        this.seed = options.seed();
        this.management = new Identity(options.accessKeyId(), options.secretAccessKey(), null, managementAccountId,
                "arn:aws:iam::" + managementAccountId + ":user/policygen",
                "AIDA" + Hashing.base32(Hashing.hash(seed, 31), Hashing.hash(seed, 32), 17), true, null);
        byAccessKey.put(management.accessKeyId(), management);
    }

    Identity management() {
        return management;
    }

    Identity find(String accessKeyId) {
        return byAccessKey.get(accessKeyId);
    }

    /** Past its expiration by the wall clock (the one the SDK refreshes by), or the management keys made to expire. */
    boolean expired(Identity identity) {
        return identity.expiration() != null && !Instant.now().isBefore(identity.expiration());
    }

    /**
     * Makes the management account's credentials expired (as temporary ones an operator started the job with run
     * out: every call they sign, AssumeRole included, is refused) or usable again (renewed); the member sessions
     * they assumed run on to their own expiration.
     */
    void expireManagement(boolean expired) {
        byAccessKey.computeIfPresent(management.accessKeyId(), (key, id) -> id.expiredAt(expired ? Instant.now() : null));
    }

    boolean managementExpired() {
        return expired(find(management.accessKeyId()));
    }

    /**
     * Ends every member session handed out so far, as their hour running out would, though the SDK that holds them
     * still reckons them valid (a clock behind AWS's): a new AssumeRole gives new ones. Answers how many it ended.
     */
    int expireSessions() {
        Instant now = Instant.now();
        int[] ended = {0};
        byAccessKey.replaceAll((key, id) -> {
            if (id.management() || (id.expiration() != null && !now.isBefore(id.expiration()))) {
                return id;
            }
            ended[0]++;
            return id.expiredAt(now);
        });
        return ended[0];
    }

    /**
     * New temporary credentials acting as {@code roleArn} in {@code accountId}. The expiration is real
     * wall-clock time, not simulated time, so that the SDK's credential cache refreshes sensibly
     * however far the simulated clock is moved.
     */
    Identity issue(String accountId, String roleArn, String roleName, String roleId, String sessionName,
                   int durationSeconds) {
        long n = issued.incrementAndGet();
        long h1 = Hashing.hash(seed, 41, n);
        long h2 = Hashing.hash(seed, 42, n);
        String accessKeyId = "ASIA" + Hashing.base32(h1, h2, 16);
        String secret = Hashing.base32(Hashing.hash(seed, 43, n), Hashing.hash(seed, 44, n), 24).toLowerCase()
                + Hashing.base32(Hashing.hash(seed, 45, n), Hashing.hash(seed, 46, n), 16);
        String token = "FwoGZXIvYXdzE" + Hashing.base32(Hashing.hash(seed, 47, n), Hashing.hash(seed, 48, n), 24)
                + Hashing.base32(Hashing.hash(seed, 49, n), Hashing.hash(seed, 50, n), 24);
        String arn = "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
        Identity identity = new Identity(accessKeyId, secret, token, accountId, arn, roleId + ":" + sessionName,
                false, Instant.now().plusSeconds(durationSeconds));
        byAccessKey.put(accessKeyId, identity);
        return identity;
    }

    int size() {
        return byAccessKey.size();
    }
}
