package io.policygen.gap;

import static io.policygen.gap.TestCatalog.actions;
import static io.policygen.gap.TestCatalog.allow;
import static io.policygen.gap.TestCatalog.generated;
import static io.policygen.gap.TestCatalog.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PolicyExportTest {

    private static final String ACCOUNT = "111111111111";
    private static final String SSO = "/aws-reserved/sso.amazonaws.com/";
    private static final String SUFFIX = "0123456789abcdef";
    private static final CurrentPolicies S3_ALL = CurrentPolicies.of(AttachedPolicy.inline("s3", policy(allow("\"s3:*\""))));

    @TempDir
    Path temp;

    private final GapCalculator calculator = new GapCalculator(TestCatalog.CATALOG);

    private ExportRow row(String account, PrincipalKind type, String path, String name, String generated) {
        return row(new GapPrincipal(1, account, type, name, path, null), generated);
    }

    /** A role IAM Identity Center provisions for {@code permissionSet}, as the database names it. */
    private ExportRow identityCenterRole(String account, String permissionSet, String suffix, String generated) {
        return row(new GapPrincipal(1, account, PrincipalKind.ROLE, "AWSReservedSSO_" + permissionSet + "_" + suffix,
                SSO, permissionSet), generated);
    }

    private ExportRow row(GapPrincipal principal, String generated) {
        return new ExportRow(principal, generated, calculator.gap(S3_ALL, new GeneratedPolicy(generated, true)));
    }

    private ExportRow row(String name, String generated) {
        return row(ACCOUNT, PrincipalKind.ROLE, "/", name, generated);
    }

    private static String documents(String... documents) {
        return generated(documents).documents();
    }

    @Test
    void shouldWriteThePolicyItsGapAndAnIndex() throws IOException {
        Path dir = temp.resolve("export");

        ExportSummary summary = new PolicyExport(dir).write(List.of(row("app", documents(policy(allow("\"s3:GetObject\""))))));

        assertThat(summary).isEqualTo(new ExportSummary(1, 3, 3, 0));
        assertThat(tree(dir).keySet()).containsExactly("111111111111/role/app.gap.json", "111111111111/role/app.json", "index.json");
        assertThat(read(dir, "111111111111/role/app.json")).isEqualTo("""
                {
                  "Statement": [
                    {
                      "Action": "s3:GetObject",
                      "Effect": "Allow",
                      "Resource": "*"
                    }
                  ],
                  "Version": "2012-10-17"
                }
                """);
        JsonNode gap = CanonicalJson.JSON.readTree(read(dir, "111111111111/role/app.gap.json"));
        assertThat(gap.get("unused").asInt()).isEqualTo(6);
        assertThat(gap.get("score").asLong()).isEqualTo(26);
        assertThat(gap.get("unusedShare").decimalValue()).isEqualByComparingTo("0.8571");
        assertThat(gap.at("/services/0/unusedActions/Permissions management/0").asString()).isEqualTo("s3:PutBucketPolicy");
        assertThat(read(dir, "index.json")).isEqualTo("""
                {
                  "format": 1,
                  "principals": [
                    {
                      "account": "111111111111",
                      "gap": "111111111111/role/app.gap.json",
                      "granted": 7,
                      "name": "app",
                      "path": "/",
                      "policy": [
                        "111111111111/role/app.json"
                      ],
                      "score": 26,
                      "type": "role",
                      "unused": 6,
                      "unusedShare": 0.8571,
                      "used": 1
                    }
                  ],
                  "permissionSets": [],
                  "total": 1
                }
                """);
    }

    @Test
    void shouldMergeSplitDocumentsWhenTheMergedOneFitsIamsLimit() throws IOException {
        Path dir = temp.resolve("export");

        new PolicyExport(dir).write(List.of(row("app", documents(policy(allow("\"s3:GetObject\"")), policy(allow("\"sqs:SendMessage\""))))));

        JsonNode merged = CanonicalJson.JSON.readTree(read(dir, "111111111111/role/app.json"));
        assertThat(merged.get("Statement")).hasSize(2);
        assertThat(merged.at("/Statement/1/Action").asString()).isEqualTo("sqs:SendMessage");
        assertThat(tree(dir).keySet()).doesNotContain("111111111111/role/app-2.json");
    }

    @Test
    void shouldKeepSplitDocumentsApartWhenMergedTheyWouldPassIamsLimit() throws IOException {
        Path dir = temp.resolve("export");
        String big = policy(allow(actions("s3:GetObject", 180)));
        String big2 = policy(allow(actions("sqs:SendMessage", 180)));
        assertThat(big.length() + big2.length()).isGreaterThan(PolicyFiles.MAX_MANAGED_POLICY_LENGTH);

        new PolicyExport(dir).write(List.of(row("app", documents(big, big2))));

        assertThat(tree(dir).keySet()).containsExactly("111111111111/role/app-2.json", "111111111111/role/app.gap.json",
                "111111111111/role/app.json", "index.json");
        assertThat(CanonicalJson.JSON.readTree(read(dir, "111111111111/role/app-2.json")))
                .isEqualTo(CanonicalJson.JSON.readTree(big2));
    }

    @Test
    void shouldWriteTheSameBytesForTheSameDataAndTouchNothingTheSecondTime() throws IOException {
        List<ExportRow> rows = List.of(
                row(ACCOUNT, PrincipalKind.USER, "/", "zed", documents(policy(allow("\"s3:GetObject\"")))),
                row(ACCOUNT, PrincipalKind.ROLE, "/ops/", "admin", documents(policy(allow("\"s3:*\"")))),
                row("222222222222", PrincipalKind.ROLE, "/", "app", documents(policy(allow("[\"s3:GetObject\",\"s3:PutObject\"]")))));
        List<ExportRow> reordered = List.of(rows.get(1), rows.get(0), rows.get(2));

        new PolicyExport(temp.resolve("a")).write(rows);
        new PolicyExport(temp.resolve("b")).write(reordered);
        ExportSummary again = new PolicyExport(temp.resolve("a")).write(rows);

        assertThat(tree(temp.resolve("a"))).isEqualTo(tree(temp.resolve("b")));
        assertThat(again.written()).isZero();
        assertThat(again.files()).isEqualTo(7);
        assertThat(tree(temp.resolve("a")).values()).allMatch(text -> text.endsWith("}\n"));
    }

    @Test
    void shouldRemoveFilesOfPrincipalsGoneSinceTheLastExportAndNothingElse() throws IOException {
        Path dir = temp.resolve("export");
        String one = documents(policy(allow("\"s3:GetObject\"")));
        new PolicyExport(dir).write(List.of(row("gone", one), row("kept", one),
                row("222222222222", PrincipalKind.USER, "/team/", "left", one)));
        Files.writeString(dir.resolve("README.md"), "ours\n");
        Files.writeString(dir.resolve(ACCOUNT).resolve("notes.txt"), "ours too\n");

        ExportSummary summary = new PolicyExport(dir).write(List.of(row("kept", one)));

        assertThat(summary.removed()).isEqualTo(4);
        assertThat(tree(dir).keySet()).containsExactly("111111111111/notes.txt", "111111111111/role/kept.gap.json",
                "111111111111/role/kept.json", "README.md", "index.json");
        assertThat(dir.resolve("222222222222")).doesNotExist();
    }

    @Test
    void shouldRefuseADirectoryOfAccountsThatNoExportWroteAndTouchNothingThere() throws IOException {
        Path dir = temp.resolve("policies");
        Files.createDirectories(dir.resolve(ACCOUNT).resolve("role"));
        Files.writeString(dir.resolve(ACCOUNT).resolve("role").resolve("handwritten.json"), "{}\n");
        String one = documents(policy(allow("\"s3:GetObject\"")));

        assertThatThrownBy(() -> new PolicyExport(dir).write(List.of(row("app", one))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds account directories (111111111111/...) but no index.json of an earlier export");
        assertThat(tree(dir).keySet()).containsExactly("111111111111/role/handwritten.json");
    }

    @Test
    void shouldExportIntoARepositoryThatHoldsNoAccountDirectoriesYet() throws IOException {
        Path dir = temp.resolve("repository");
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("README.md"), "ours\n");

        new PolicyExport(dir).write(List.of(row("app", documents(policy(allow("\"s3:GetObject\""))))));

        assertThat(tree(dir).keySet()).contains("README.md", "index.json", "111111111111/role/app.json");
    }

    @Test
    void shouldKeepEveryHostileNameAndPathInsideTheDirectory() throws IOException {
        Path dir = temp.resolve("export");
        Path outside = Files.createDirectory(temp.resolve("outside"));
        String one = documents(policy(allow("\"s3:GetObject\"")));
        List<String> names = List.of("../../outside/escaped", "..", ".", "a/b", "nul\0byte", "back\\slash", ".git",
                "x", "x.gap", "y", "y-2", "<img src=x onerror=alert(1)>", "C:\\Windows", "rôle");
        List<ExportRow> rows = new ArrayList<>();
        names.forEach(name -> rows.add(row(name, one)));
        rows.add(row(ACCOUNT, PrincipalKind.USER, "/../../outside/", "climber", one));
        rows.add(row(ACCOUNT, PrincipalKind.USER, "/x.json/./../", "z", one));
        rows.add(row(ACCOUNT, PrincipalKind.USER, "/" + "..%2F".repeat(100) + "/", "deep", one));

        ExportSummary summary = new PolicyExport(dir).write(rows);

        assertThat(summary.principals()).isEqualTo(names.size() + 3);
        assertThat(outside).isEmptyDirectory();
        try (Stream<Path> files = Files.walk(temp)) {
            assertThat(files.filter(Files::isRegularFile).toList()).allMatch(file -> file.startsWith(dir)).hasSize(2 * rows.size() + 1);
        }
        JsonNode index = CanonicalJson.JSON.readTree(read(dir, "index.json"));
        assertThat(index.get("principals")).extracting(entry -> entry.get("name").asString())
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r.principal().name()).toList());
        for (JsonNode entry : index.get("principals")) {
            JsonNode gap = CanonicalJson.JSON.readTree(read(dir, entry.get("gap").asString()));
            assertThat(gap.get("name").asString()).isEqualTo(entry.get("name").asString());
        }
    }

    @Test
    void shouldRefuseToWriteThroughASymbolicLinkPlacedInTheDirectory() throws IOException {
        new PolicyExport(temp.resolve("export")).write(List.of()); // an earlier export's directory, links placed since
        Path dir = Files.createDirectories(temp.resolve("export").resolve(ACCOUNT));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("role"), outside);

        assertThatThrownBy(() -> new PolicyExport(temp.resolve("export")).write(List.of(row("app", documents(policy(allow("\"s3:*\"")))))))
                .isInstanceOf(IOException.class).hasMessageContaining("symbolic link");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void shouldRefuseRowsThatAreNotGroupedByAccountInOrder() {
        String one = documents(policy(allow("\"s3:GetObject\"")));
        List<ExportRow> rows = List.of(row("222222222222", PrincipalKind.ROLE, "/", "a", one), row("a", one));

        assertThatThrownBy(() -> new PolicyExport(temp.resolve("export")).write(rows))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grouped by account, in ascending order");
    }

    @Test
    void shouldRefuseTwoPrincipalsThatWouldShareFiles() {
        String one = documents(policy(allow("\"s3:GetObject\"")));

        assertThatThrownBy(() -> new PolicyExport(temp.resolve("export")).write(List.of(row("App", one), row("app", one))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two principals export to");
    }

    @Test
    void shouldNameThePermissionSetTheDatabaseNamedAndNoneForAnyOtherPrincipal() throws IOException {
        Path dir = temp.resolve("export");
        String one = documents(policy(allow("\"s3:GetObject\"")));

        new PolicyExport(dir).write(List.of(identityCenterRole(ACCOUNT, "Data_Admin", SUFFIX, one),
                row(ACCOUNT, PrincipalKind.ROLE, "/", "AWSReservedSSO_LookAlike_" + SUFFIX, one)));

        JsonNode index = CanonicalJson.JSON.readTree(read(dir, "index.json"));
        assertThat(index.get("principals")).extracting(entry -> entry.path("permissionSet").asString(""))
                .containsExactly("", "Data_Admin");
        JsonNode gap = CanonicalJson.JSON.readTree(read(dir, index.at("/principals/1/gap").asString()));
        assertThat(gap.get("permissionSet").asString()).isEqualTo("Data_Admin");
        assertThat(gap.get("applyTo").asString()).startsWith("IAM Identity Center permission set Data_Admin: IAM refuses");
        assertThat(CanonicalJson.JSON.readTree(read(dir, "111111111111/role/AWSReservedSSO_LookAlike_" + SUFFIX + ".gap.json"))
                .has("permissionSet")).isFalse();
    }

    /** A statement that differs from the others in more than its actions: kept apart. */
    private static final String LOGS_ONLY = "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::logs/*\"}";

    @Test
    void shouldWriteEachPermissionSetThePolicyOfAllItsRolesAndRemoveItOnceItsRolesAreGone() throws IOException {
        Path dir = temp.resolve("export");
        String both = allow("\"s3:GetObject\"");
        List<ExportRow> rows = List.of(
                identityCenterRole(ACCOUNT, "Data", SUFFIX, documents(policy(both, allow("\"sqs:SendMessage\"")))),
                identityCenterRole(ACCOUNT, "Ops", SUFFIX, documents(policy(allow("\"ec2:StartInstances\"")))),
                row(ACCOUNT, PrincipalKind.ROLE, "/", "app", documents(policy(allow("\"kms:Decrypt\"")))),
                identityCenterRole("222222222222", "Data", "fedcba9876543210",
                        documents(policy(both, LOGS_ONLY), policy(allow("\"dynamodb:GetItem\"")))));

        ExportSummary summary = new PolicyExport(dir).write(rows);

        assertThat(summary.files()).isEqualTo(1 + 2 * 4 + 2);
        JsonNode data = CanonicalJson.JSON.readTree(read(dir, "permission-sets/Data.json"));
        assertThat(data.get("Version").asString()).isEqualTo("2012-10-17");
        assertThat(data.get("Statement")).hasSize(2);
        assertThat(data.at("/Statement/0/Action")).extracting(JsonNode::asString)
                .containsExactly("dynamodb:GetItem", "s3:GetObject", "sqs:SendMessage");
        assertThat(data.at("/Statement/0/Resource").asString()).isEqualTo("*");
        assertThat(data.at("/Statement/1")).isEqualTo(CanonicalJson.JSON.readTree(LOGS_ONLY.replace("\"s3:PutObject\"", "[\"s3:PutObject\"]")));
        JsonNode index = CanonicalJson.JSON.readTree(read(dir, "index.json"));
        assertThat(index.get("permissionSets")).hasSize(2);
        JsonNode entry = index.at("/permissionSets/0");
        assertThat(entry.get("name").asString()).isEqualTo("Data");
        assertThat(entry.get("policy").asString()).isEqualTo("permission-sets/Data.json");
        assertThat(entry.get("roles").asInt()).isEqualTo(2);
        assertThat(entry.get("statements").asInt()).isEqualTo(2);
        assertThat(entry.get("length").asInt()).isEqualTo(CanonicalJson.compactLength(data));
        assertThat(entry.get("withinRoleInlineLimit").asBoolean()).isTrue();
        assertThat(new PolicyExport(dir).write(rows).written()).isZero();

        new PolicyExport(dir).write(List.of(rows.get(1), rows.get(2)));

        assertThat(tree(dir).keySet()).contains("permission-sets/Ops.json").doesNotContain("permission-sets/Data.json");
    }

    @Test
    void shouldSayWhenAPermissionSetsPolicyIsTooLongForARolesInlinePolicies() throws IOException {
        Path dir = temp.resolve("export");
        List<ExportRow> rows = List.of(
                identityCenterRole(ACCOUNT, "Big", SUFFIX, documents(policy(allow(actions("s3:GetObject", 300))))),
                identityCenterRole("222222222222", "Big", SUFFIX, documents(policy(allow(actions("sqs:SendMessage", 300))))));

        ExportSummary summary = new PolicyExport(dir).write(rows);

        assertThat(summary.files()).as("every file on disk counted, the parts too").isEqualTo(tree(dir).size());
        JsonNode entry = CanonicalJson.JSON.readTree(read(dir, "index.json")).at("/permissionSets/0");
        assertThat(entry.get("length").asInt()).isGreaterThan(PermissionSetPolicies.MAX_ROLE_INLINE_LENGTH);
        assertThat(entry.get("withinRoleInlineLimit").asBoolean()).isFalse();
        assertThat(CanonicalJson.JSON.readTree(read(dir, "permission-sets/Big.json")).at("/Statement/0/Action")).hasSize(600);
        assertThat(entry.get("note").asString()).startsWith("too long for the permission set's inline policy (10240 characters");

        // the same statements as customer managed policies, each within IAM's 6,144
        List<String> actions = new ArrayList<>();
        JsonNode parts = entry.get("customerManagedPolicies");
        assertThat(parts).as("11,6xx characters as two of at most 6,144").hasSize(2);
        for (int i = 0; i < parts.size(); i++) {
            assertThat(parts.get(i).get("policy").asString()).isEqualTo("permission-sets/Big/part-" + (i + 1) + ".json");
            assertThat(parts.get(i).get("name").asString()).isEqualTo("policygen-Big-part-" + (i + 1));
            JsonNode part = CanonicalJson.JSON.readTree(read(dir, parts.get(i).get("policy").asString()));
            assertThat(CanonicalJson.compactLength(part)).isEqualTo(parts.get(i).get("length").asInt())
                    .isLessThanOrEqualTo(PolicyFiles.MAX_MANAGED_POLICY_LENGTH);
            part.at("/Statement/0/Action").forEach(action -> actions.add(action.asString()));
        }
        assertThat(actions).hasSize(600).doesNotHaveDuplicates();

        // once it fits, the parts go
        new PolicyExport(dir).write(List.of(rows.getFirst()));
        assertThat(tree(dir).keySet()).contains("permission-sets/Big.json").noneMatch(file -> file.startsWith("permission-sets/Big/"));
        assertThat(Files.exists(dir.resolve("permission-sets/Big"))).isFalse();
    }

    @Test
    void shouldSayWhenAPermissionSetNeedsMoreManagedPoliciesThanItMayName() throws IOException {
        Path dir = temp.resolve("export");

        new PolicyExport(dir).write(List.of(
                identityCenterRole(ACCOUNT, "Huge", SUFFIX, documents(policy(allow(actions("dynamodb:GetItemOnTable", 6_000)))))));

        JsonNode entry = CanonicalJson.JSON.readTree(read(dir, "index.json")).at("/permissionSets/0");
        assertThat(entry.get("customerManagedPolicies").size()).isGreaterThan(PermissionSetPolicies.MAX_MANAGED_POLICIES);
        assertThat(entry.get("note").asString()).contains("more than the 20 managed policies a permission set may name");
    }

    @Test
    void shouldWriteNoPolicyForAPermissionSetWhoseRolesUsedNothing() throws IOException {
        Path dir = temp.resolve("export");

        ExportSummary summary = new PolicyExport(dir).write(List.of(
                identityCenterRole(ACCOUNT, "Idle", SUFFIX, "[]")));

        JsonNode entry = CanonicalJson.JSON.readTree(read(dir, "index.json")).at("/permissionSets/0");
        assertThat(entry.get("name").asString()).isEqualTo("Idle");
        assertThat(entry.get("policy").isNull()).isTrue();
        assertThat(entry.get("statements").asInt()).isZero();
        assertThat(entry.get("note").asString()).startsWith("no role of this permission set used anything");
        assertThat(tree(dir).keySet()).noneMatch(file -> file.startsWith("permission-sets/"));
        assertThat(summary.files()).isEqualTo(2);
    }

    @Test
    void shouldRefuseADirectoryHoldingPermissionSetsThatNoExportWrote() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("export").resolve("permission-sets"));
        Files.writeString(dir.resolve("Admin.json"), "{}");

        assertThatThrownBy(() -> new PolicyExport(temp.resolve("export")).write(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds a permission-sets/ directory but no index.json");
        assertThat(dir.resolve("Admin.json")).exists();
    }

    @Test
    void shouldRecordAGeneratedPolicyItCannotReadAndStillWriteTheGap() throws IOException {
        Path dir = temp.resolve("export");

        new PolicyExport(dir).write(List.of(row("app", "{not json")));

        JsonNode entry = CanonicalJson.JSON.readTree(read(dir, "index.json")).at("/principals/0");
        assertThat(entry.get("problem").asString()).startsWith("the generated policy is not JSON");
        assertThat(entry.get("policy")).isEmpty();
        assertThat(dir.resolve("111111111111/role/app.gap.json")).exists();
    }

    private static String read(Path dir, String relative) throws IOException {
        return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
    }

    /** Every regular file below {@code dir}, by its '/'-separated relative path. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
