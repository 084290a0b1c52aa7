package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void shouldPrintTimesToTheSecond() {
        assertThat(ReportTable.text(Types.TIMESTAMP_WITH_TIMEZONE, "2026-11-27 22:35:11.954448+00")).isEqualTo("2026-11-27 22:35:11+00");
        assertThat(ReportTable.text(Types.TIMESTAMP, "2026-11-27 22:35:11.5")).isEqualTo("2026-11-27 22:35:11");
        assertThat(ReportTable.text(Types.TIMESTAMP_WITH_TIMEZONE, "2026-11-27 22:35:11+05:30")).isEqualTo("2026-11-27 22:35:11+05:30");
        assertThat(ReportTable.text(Types.TIMESTAMP_WITH_TIMEZONE, null)).isNull();
    }

    @Test
    void shouldLeaveOtherValuesAsPostgresqlPrintsThem() {
        assertThat(ReportTable.text(Types.VARCHAR, "at 22:35:11.954448")).isEqualTo("at 22:35:11.954448");
        assertThat(ReportTable.text(Types.OTHER, "01:00:00.5")).isEqualTo("01:00:00.5");
    }

    @Test
    void shouldRefuseRowsThatDoNotFitTheColumns() {
        assertThatThrownBy(() -> ReportTable.of(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
