package io.policygen.principal;

import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamItem.Assessment;
import io.policygen.principal.IamItem.PolicyVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SHA-256 of every value discovery stores of a principal, so that one listed again unchanged need not be written;
 * its first 128 bits, in hex, are plenty to tell a change and half the bytes stored. Each value goes in with its
 * length (-1: null), so no two different rows can run together into the same input.
 */
final class ContentHash {

    private final MessageDigest digest;
    private final ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);

    private ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
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
        hash.add(lastUse.at()).add(lastUse.source()).add(String.valueOf(lastUse.known()));
        hash.add(a.breadth().name()).add(a.broadestGrants()).add(a.policyHash()).add(a.fingerprint());
        hash.add(a.eligibility().name()).add(a.reason());
        return HexFormat.of().formatHex(hash.digest.digest(), 0, 16);
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
