package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamItem.Assessment;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** COPY's text format: one line a principal, a value a column, each as PostgreSQL reads it back. */
class PrincipalRowTest {

    private static final Instant NOW = Instant.parse("2026-11-20T01:00:00Z");

    @Test
    void shouldGiveTheSameBytesHoweverCopyReadsThemEvenWhenAReadEndsInsideACharacter() throws IOException {
        List<DiscoveredPrincipal> principals = List.of(principal("app-é", "AROAAPP"), principal("ops-✓", "AROAOPS"));
        byte[] whole = PrincipalRow.copyText(principals, Timestamp.from(NOW), 7).readAllBytes();

        ByteArrayOutputStream byByte = new ByteArrayOutputStream();
        InputStream one = PrincipalRow.copyText(principals, Timestamp.from(NOW), 7);
        for (int b = one.read(); b >= 0; b = one.read()) {
            byByte.write(b);
        }
        ByteArrayOutputStream byFive = new ByteArrayOutputStream();
        InputStream five = PrincipalRow.copyText(principals, Timestamp.from(NOW), 7);
        byte[] buffer = new byte[5];
        for (int n = five.read(buffer, 0, 5); n >= 0; n = five.read(buffer, 0, 5)) {
            assertThat(n).isPositive();
            byFive.write(buffer, 0, n);
        }

        assertThat(new String(whole, StandardCharsets.UTF_8)).contains("app-é", "ops-✓").hasLineCount(2);
        assertThat(byByte.toByteArray()).isEqualTo(whole);
        assertThat(byFive.toByteArray()).isEqualTo(whole);
        assertThat(PrincipalRow.copyText(List.of(), Timestamp.from(NOW), 7).read()).isEqualTo(-1);
    }

    @Test
    void shouldWriteALineAPrincipalWithTabsNewlinesAndBackslashesEscapedAndNullsAsBackslashN() throws IOException {
        ListedPrincipal listed = new ListedPrincipal(PrincipalType.ROLE, "arn:aws:iam::111122223333:role/app", "app", "/",
                "AROAAPP", null, Map.of("p", "{\"a\":\n\t\"b\\\\c\"}"), List.of(), null, Map.of("k", "tab\there"), List.of(),
                null);
        DiscoveredPrincipal principal = new DiscoveredPrincipal("111122223333", listed, List.of(), null,
                LastUse.unknown("never\r\nused \\N"), new Assessment(Breadth.NONE, List.of("a\\b"), "hash", "print",
                Eligibility.UNUSED, "unused"));

        String text = new String(PrincipalRow.copyText(List.of(principal, principal), Timestamp.from(NOW), 7).readAllBytes(),
                StandardCharsets.UTF_8);

        List<String> lines = Arrays.asList(text.split("\n", -1));
        assertThat(lines).hasSize(3).last().isEqualTo("");
        String[] values = lines.getFirst().split("\t", -1);
        assertThat(values).hasSize(3 + PrincipalRow.LISTED.size() + PrincipalRow.USE.size())
                .startsWith("2026-11-20T01:00:00Z", "2026-11-20T01:00:00Z", "7", "111122223333", "AROAAPP",
                        "arn:aws:iam::111122223333:role/app", "ROLE", "app", "/", "\\N",
                        "{\"p\":{\"a\":\\n\\t\"b\\\\\\\\c\"}}", "[]", "\\N", "\\N", "{\"k\":\"tab\\\\there\"}", "\\N", "NONE",
                        "{\"a\\\\\\\\b\"}", "hash", "\\N", "never\\r\\nused \\\\N", "false", "print", "UNUSED", "unused",
                        principal.contentHash());
        assertThat(PrincipalRow.COPY).startsWith("copy principal (first_seen_at, changed_at, changed_run_id, account_id, iam_id,")
                .endsWith("eligibility_reason, content_hash) from stdin");
    }

    private static DiscoveredPrincipal principal(String name, String id) {
        ListedPrincipal listed = new ListedPrincipal(PrincipalType.ROLE, "arn:aws:iam::111122223333:role/" + name, name, "/",
                id, null, Map.of(), List.of(), null, Map.of(), List.of(), null);
        return new DiscoveredPrincipal("111122223333", listed, List.of(), null, LastUse.unknown("never used"),
                new Assessment(Breadth.NONE, List.of(), "hash", "print", Eligibility.UNUSED, "unused"));
    }
}
