package io.policygen.principal;

import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamItem.Assessment;
import io.policygen.principal.IamItem.PolicyVersion;
import io.policygen.text.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What discovery stores of a principal, hashed, so that one listed again unchanged need not be written: two SHA-256
 * hashes, each cut to 64 bits (plenty to tell a change) and in hex, one after the other: of everything but its use,
 * then of its use (last use, and the fingerprint and eligibility that follow from it). A principal whose use alone
 * changed (most nights, a role in use) has its use columns updated, not its whole row ({@link #sameButUse}). Each
 * value goes in with its length (-1: null), so no two different rows can run together into the same input.
 */
final class ContentHash {

    /** Hex digits of each of the two hashes. */
    private static final int HALF = 16;

    private final MessageDigest digest;
    private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);

    private ContentHash() {
        digest = Sha256.newDigest();
    }

    static String of(String accountId, ListedPrincipal p, List<PolicyVersion> attached, PolicyVersion boundary,
                     LastUse lastUse, Assessment a) {
        ContentHash hash = new ContentHash();
        hash.add(accountId).add(p.type().name()).add(p.arn()).add(p.name()).add(p.path()).add(p.iamId()).add(p.createdAt());
        hash.add(p.inlinePolicies());
        hash.count(attached.size());
        attached.forEach(v -> hash.add(v.arn()).add(v.version()));
        hash.add(boundary == null ? null : boundary.arn()).add(boundary == null ? null : boundary.version());
        hash.add(p.tags());
        hash.add(p.type() == PrincipalType.USER ? p.groups() : null);
        hash.add(a.breadth().name()).add(a.broadestGrants()).add(a.policyHash());
        String rest = hash.half();
        hash.add(lastUse.at()).add(lastUse.source()).add(String.valueOf(lastUse.known()));
        hash.add(a.fingerprint()).add(a.eligibility().name()).add(a.reason());
        return rest + hash.half();
    }

    /** Whether two hashes of a principal differ in its use alone. */
    static boolean sameButUse(String hash, String other) {
        return other != null && other.length() == hash.length() && hash.regionMatches(0, other, 0, HALF)
                && !hash.equals(other);
    }

    private String half() {
        return HexFormat.of().formatHex(digest.digest(), 0, HALF / 2);
    }

    private ContentHash add(String value) {
        if (value == null) {
            return count(-1);
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        count(bytes.length);
        digest.update(bytes);
        return this;
    }

    private ContentHash add(Instant value) {
        return add(value == null ? null : value.toString());
    }

    private ContentHash add(List<String> values) {
        if (values == null) {
            return count(-1);
        }
        count(values.size());
        values.forEach(this::add);
        return this;
    }

    private ContentHash add(Map<String, String> values) {
        count(values.size());
        values.forEach((key, value) -> add(key).add(value));
        return this;
    }

    private ContentHash count(int n) {
        digest.update(length.clear().putInt(n).array());
        return this;
    }
}
