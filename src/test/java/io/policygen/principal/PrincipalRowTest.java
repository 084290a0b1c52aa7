package io.policygen.principal;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.principal.IamEntity.ListedPrincipal;
import io.policygen.principal.IamItem.Assessment;
import io.policygen.principal.IamItem.DiscoveredPrincipal;
import java.io.IOException;
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
}
