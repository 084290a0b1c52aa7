package io.policygen.gap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The documents principals refer to, read from the database once and kept: managed policies by ARN and version
 * ({@code managed_policy}, where AWS managed ones are shared by every account; the most recently used ones are kept,
 * up to a bound), and one account's groups at a time ({@code iam_group}: IAM allows an account 300 groups by default,
 * so an account's groups fit). Thread-safe.
 */
public final class StoredPolicies {

    /** A managed policy at a version; version null for one the account's listing did not show (no document). */
    record Version(String arn, String version) {
    }

    private static final int MAX_DOCUMENTS = 20_000;

    private final JdbcTemplate jdbc;
    private final Map<Version, String> documents = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Version, String> eldest) {
            return size() > MAX_DOCUMENTS;
        }
    };
    private String groupsAccount;
    private Map<String, List<AttachedPolicy>> groups = Map.of();

    public StoredPolicies(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the documents of {@code versions} not held yet and, given an account, its groups if they are not held. */
    synchronized void load(List<Version> versions, String groupsOf) {
        if (groupsOf != null && !groupsOf.equals(groupsAccount)) {
            loadGroups(groupsOf);
        }
        fetch(versions);
    }

    /** The document of a managed policy version, null when the database has none (a policy not listed). */
    synchronized String document(String arn, String version) {
        return version == null ? null : documents.get(new Version(arn, version));
    }

    /** A user's group's inline and attached policies, named {@code GROUP/POLICY} and {@code GROUP/ARN}. */
    synchronized List<AttachedPolicy> group(String accountId, String name) {
        return accountId.equals(groupsAccount) ? groups.getOrDefault(name, List.of()) : List.of();
    }

    private void fetch(List<Version> versions) {
        Set<Version> missing = new LinkedHashSet<>();
        for (Version version : versions) {
            if (version.version() != null && !documents.containsKey(version)) {
                missing.add(version);
            }
        }
        List<String> arns = missing.stream().map(Version::arn).toList();
        List<String> ids = missing.stream().map(Version::version).toList();
        if (arns.isEmpty()) {
            return;
        }
        jdbc.query("""
                        select m.policy_arn, m.version_id, m.document::text
                        from managed_policy m join unnest(?::text[], ?::text[]) k (arn, version)
                            on m.policy_arn = k.arn and m.version_id = k.version""",
                rs -> {
                    documents.put(new Version(rs.getString(1), rs.getString(2)), rs.getString(3));
                }, arns.toArray(String[]::new), ids.toArray(String[]::new));
    }

    private void loadGroups(String accountId) {
        record Stored(String name, String[] inlineNames, String[] inlineDocuments, String[] arns, String[] versions) {
        }
        List<Stored> stored = jdbc.query("""
                        select g.group_name,
                               array(select e.key from jsonb_each(g.inline_policies) e order by e.key collate "C"),
                               array(select e.value::text from jsonb_each(g.inline_policies) e order by e.key collate "C"),
                               array(select e ->> 'arn' from jsonb_array_elements(g.attached_policies) e),
                               array(select e ->> 'version' from jsonb_array_elements(g.attached_policies) e)
                        from iam_group g where g.account_id = ?""",
                (rs, i) -> new Stored(rs.getString(1), (String[]) rs.getArray(2).getArray(), (String[]) rs.getArray(3).getArray(),
                        (String[]) rs.getArray(4).getArray(), (String[]) rs.getArray(5).getArray()), accountId);
        List<Version> versions = new ArrayList<>();
        stored.forEach(group -> {
            for (int i = 0; i < group.arns().length; i++) {
                versions.add(new Version(group.arns()[i], group.versions()[i]));
            }
        });
        fetch(versions);
        Map<String, List<AttachedPolicy>> byName = new HashMap<>();
        for (Stored group : stored) {
            List<AttachedPolicy> policies = new ArrayList<>();
            for (int i = 0; i < group.inlineNames().length; i++) {
                policies.add(AttachedPolicy.group(group.name() + "/" + group.inlineNames()[i], group.inlineDocuments()[i]));
            }
            for (int i = 0; i < group.arns().length; i++) {
                String document = document(group.arns()[i], group.versions()[i]);
                if (document != null) {
                    policies.add(AttachedPolicy.group(group.name() + "/" + group.arns()[i], document));
                }
            }
            byName.put(group.name(), List.copyOf(policies));
        }
        groups = byName;
        groupsAccount = accountId;
    }
}
