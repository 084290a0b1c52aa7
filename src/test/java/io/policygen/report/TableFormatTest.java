package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTest {

    @Test
    void shouldAlignColumnsWithNumbersOnTheRightAndNullsBlank() {
        ReportTable table = new ReportTable(List.of("account_id", "due", "reason"), List.of(false, true, false), List.of(
                Arrays.asList("111111111111", "8", null),
                Arrays.asList("222", "12345", "daily quota")));

        String text = new TableFormat(60).format(table);

        assertThat(text).isEqualTo("""
                account_id      due  reason
                ------------  -----  -----------
                111111111111      8
                222           12345  daily quota
                (2 rows)
                """);
    }

    @Test
    void shouldCutLongValuesAndFlattenLineBreaks() {
        ReportTable table = ReportTable.of(List.of("policy"), List.of(List.of("{\"Statement\":\n[\"s3:GetObject\"]}")));

        String text = new TableFormat(16).format(table);

        assertThat(text).isEqualTo("""
                policy
                ----------------
                {"Statement":...
                (1 row)
                """);
    }

    @Test
    void shouldPrintTheHeaderOfAnEmptyReport() {
        String text = new TableFormat(60).format(ReportTable.of(List.of("run_id", "status"), List.of()));

        assertThat(text).isEqualTo("""
                run_id  status
                ------  ------
                (0 rows)
                """);
    }

    @Test
    void shouldCountWidthInCharactersNotBytes() {
        ReportTable table = ReportTable.of(List.of("name", "x"), List.of(List.of("équipe", "1"), List.of("ab", "2")));

        assertThat(new TableFormat(60).format(table)).contains("équipe  1\n").contains("ab      2\n");
    }

    @Test
    void shouldRefuseATooNarrowMaximum() {
        assertThatThrownBy(() -> new TableFormat(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
