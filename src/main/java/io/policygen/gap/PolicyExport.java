package io.policygen.gap;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an export directory for a repository: per principal {@code ACCOUNT/role/PATH.../NAME.json} (the generated
 * policy, ready to attach; {@code NAME-2.json}... when it must stay split), {@code NAME.gap.json} (its gap), per IAM
 * Identity Center permission set {@code permission-sets/NAME.json} ({@link PermissionSetPolicies}), and
 * {@code index.json} listing them all. The same data gives the same bytes, so that a nightly commit's diff shows only
 * what changed; files of principals gone since the last export are removed. Paths come from {@link ExportPaths} and
 * are written through {@link ExportFiles}: nothing leaves the directory.
 *
 * <p>Rows come grouped by account, accounts in ascending order (the caller's {@code order by account_id}); within
 * an account, in any order. Memory holds one account's index entries, not the organization.
 */
public final class PolicyExport {

    static final String INDEX = "index.json";
    private static final String INDEX_IN_PROGRESS = "index.json.partial";

    private final Path dir;

    public PolicyExport(Path dir) {
        this.dir = dir;
    }

    private record Entry(String base, ObjectNode json) {
    }

    /**
     * Why {@code dir} must not be exported into, if it must not: it holds account directories (or a permission-sets
     * directory) but no index of an earlier export, so they are someone's own files (policies kept by account, say),
     * of which an export would remove every {@code .json} it does not write.
     */
    public static Optional<String> refusal(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || Files.isRegularFile(dir.resolve(INDEX), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Optional<String> owned = ExportFiles.accountDirectories(dir).stream().findFirst()
                .map(account -> "account directories (" + account + "/...)");
        if (owned.isEmpty() && Files.isDirectory(dir.resolve(PermissionSetPolicies.DIRECTORY), LinkOption.NOFOLLOW_LINKS)) {
            owned = Optional.of("a " + PermissionSetPolicies.DIRECTORY + "/ directory");
        }
        return owned.map(what -> dir + " holds " + what + " but no " + INDEX + " of an earlier export: an export would"
                + " remove the .json files there that it does not write; give a new or empty directory, or one an earlier"
                + " export wrote");
    }

    public ExportSummary write(Iterable<ExportRow> rows) throws IOException {
        Optional<String> refused = refusal(dir);
        if (refused.isPresent()) {
            throw new IllegalArgumentException(refused.get());
        }
        ExportFiles files = new ExportFiles(dir);
        Path index = files.resolve(INDEX_IN_PROGRESS);
        int principals = 0;
        int fileCount = 1;
        Set<String> accounts = new TreeSet<>();
        PermissionSetPolicies permissionSets = new PermissionSetPolicies();
        Files.deleteIfExists(index); // a crashed export's; never written through, should it be a link
        try (Writer out = Files.newBufferedWriter(index, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write("{\n  \"format\": 1,\n  \"principals\": [");
            String account = null;
            List<Entry> entries = new ArrayList<>();
            Set<String> kept = new HashSet<>();
            Set<String> bases = new HashSet<>();
            boolean first = true;
            for (ExportRow row : rows) {
                String next = row.principal().accountId();
                if (!next.equals(account)) {
                    if (account != null) {
                        first = finishAccount(files, account, entries, kept, out, first);
                    }
                    if (account != null && next.compareTo(account) < 0 || accounts.contains(next)) {
                        throw new IllegalArgumentException("export rows must come grouped by account, in ascending order: "
                                + ExportPaths.printable(next) + " after " + account);
                    }
                    account = next;
                    accounts.add(next);
                    entries.clear();
                    kept.clear();
                    bases.clear();
                }
                Entry entry = principal(files, row, kept, permissionSets);
                if (!bases.add(entry.base().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("two principals export to " + ExportPaths.printable(entry.base())
                            + ": IAM names are unique in an account whatever their case");
                }
                entries.add(entry);
                principals++;
                fileCount += entry.json().get("policy").size() + 1;
            }
            if (account != null) {
                finishAccount(files, account, entries, kept, out, first);
            }
            out.write(principals == 0 ? "],\n" : "\n  ],\n");
            fileCount += permissionSets.write(files, out);
            out.write("  \"total\": " + principals + "\n}\n");
        }
        for (String earlier : files.accountDirectories()) {
            if (!accounts.contains(earlier)) {
                files.removeStale(earlier, Set.of());
            }
        }
        Path done = files.resolve(INDEX);
        if (Files.isRegularFile(done, LinkOption.NOFOLLOW_LINKS) && Files.mismatch(index, done) == -1) {
            Files.delete(index);
        } else {
            files.replace(INDEX_IN_PROGRESS, INDEX);
            files.written++;
        }
        return new ExportSummary(principals, fileCount, files.written, files.removed);
    }

    private static Entry principal(ExportFiles files, ExportRow row, Set<String> kept, PermissionSetPolicies permissionSets)
            throws IOException {
        GapPrincipal principal = row.principal();
        String base = ExportPaths.base(principal);
        ObjectNode entry = CanonicalJson.JSON.createObjectNode();
        entry.put("account", principal.accountId());
        entry.put("type", principal.type().directory());
        entry.put("name", principal.name());
        entry.put("path", principal.path());
        Optional<String> permissionSet = Optional.ofNullable(principal.permissionSet());
        permissionSet.ifPresent(set -> entry.put("permissionSet", set));
        var policyFiles = entry.putArray("policy");
        List<JsonNode> documents;
        try {
            documents = PolicyFiles.documents(row.generatedPolicies());
        } catch (IllegalArgumentException e) {
            entry.put("problem", e.getMessage());
            documents = List.of();
        }
        if (permissionSet.isPresent()) {
            permissionSets.add(permissionSet.get(), documents);
        }
        for (int i = 0; i < documents.size(); i++) {
            String file = base + (i == 0 ? "" : "-" + (i + 1)) + ".json";
            files.write(file, CanonicalJson.write(documents.get(i)));
            kept.add(file);
            policyFiles.add(file);
        }
        String gapFile = base + ".gap.json";
        files.write(gapFile, CanonicalJson.write(GapJson.of(principal, permissionSet, row.gap())));
        kept.add(gapFile);
        entry.put("gap", gapFile);
        entry.put("granted", row.gap().granted());
        entry.put("used", row.gap().used());
        entry.put("unused", row.gap().unused());
        entry.put("unusedShare", GapJson.share(row.gap().unusedShare()));
        entry.put("score", row.gap().score());
        return new Entry(base, entry);
    }

    /** The account's index entries in path order, then its stale files removed. */
    private static boolean finishAccount(ExportFiles files, String account, List<Entry> entries, Set<String> kept,
                                         Writer out, boolean first) throws IOException {
        entries.sort(Comparator.comparing(Entry::base));
        for (Entry entry : entries) {
            out.write(first ? "\n" : ",\n");
            first = false;
            String text = CanonicalJson.write(entry.json());
            out.write(("    " + text.strip().replace("\n", "\n    ")));
        }
        files.removeStale(account, kept);
        return first;
    }
}
