package io.policygen.run;

import io.policygen.generation.GenerationProperties;
import io.policygen.organization.OrganizationProperties;
import io.policygen.principal.PrincipalProperties;
import io.policygen.text.Sha256;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings the discovery steps apply: which accounts and principals are worked, and who is worth a generation. A
 * restarted job execution skips the steps it completed, so it would go on with the accounts and principals these
 * settings chose when it first ran; one made under other settings is not restarted ({@link JobExecutions}). Each is
 * kept as a short digest, so that a long account list fits a job parameter and an external id is not stored.
 */
public record DiscoverySettings(Map<String, String> digests) {

    /** The job parameter that carries them, not identifying. */
    public static final String PARAMETER = "discovery.settings";

    public static DiscoverySettings of(OrganizationProperties organization, PrincipalProperties principals,
                                       GenerationProperties generation) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("policygen.organization.ou-ids", sorted(organization.ouIds()));
        values.put("policygen.organization.include-accounts", sorted(organization.includeAccounts()));
        values.put("policygen.organization.exclude-accounts", sorted(organization.excludeAccounts()));
        values.put("policygen.organization.member-role-name", organization.memberRoleName());
        values.put("policygen.organization.external-id", organization.externalId());
        values.put("policygen.principals.types", sorted(principals.types()));
        values.put("policygen.principals.exclude-path-prefixes", sorted(principals.excludePathPrefixes()));
        values.put("policygen.principals.include-name-patterns", sorted(principals.includeNamePatterns().stream().map(Pattern::pattern).toList()));
        values.put("policygen.principals.exclude-name-patterns", sorted(principals.excludeNamePatterns().stream().map(Pattern::pattern).toList()));
        values.put("policygen.generation.lookback", generation.lookback());
        values.put("policygen.generation.min-age", generation.minAge());
        Map<String, String> digests = new LinkedHashMap<>();
        values.forEach((name, value) -> digests.put(name, Sha256.hexPrefix(String.valueOf(value), 8)));
        return new DiscoverySettings(digests);
    }

    /** As the job parameter holds them: {@code name=digest} pairs, separated by {@code ;}. */
    public String encoded() {
        return String.join(";", digests.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /**
     * The settings whose value differs from the encoded ones, in order; none when nothing was recorded (an execution of
     * a build that recorded nothing), which is restarted as before. A setting the record lacks counts as changed.
     */
    public List<String> changedSince(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return List.of();
        }
        Map<String, String> earlier = new LinkedHashMap<>();
        for (String pair : encoded.split(";")) {
            int at = pair.indexOf('=');
            if (at > 0) {
                earlier.put(pair.substring(0, at), pair.substring(at + 1));
            }
        }
        List<String> changed = new ArrayList<>();
        digests.forEach((name, digest) -> {
            if (!Objects.equals(earlier.get(name), digest)) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static List<String> sorted(Collection<?> values) {
        return values.stream().map(String::valueOf).sorted().toList();
    }
}
