package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGInterval;

class JsonFormatTest {

    @Test
    void shouldWriteOneObjectPerRowAndLineWithNumericColumnsAsNumbers() {
        ReportTable table = new ReportTable(List.of("account_id", "due"), List.of(false, true),
                List.of(List.of("111111111111", "8"), List.of("222222222222", "0")));

        assertThat(new JsonFormat().format(table))
                .isEqualTo("{\"account_id\":\"111111111111\",\"due\":8}\n{\"account_id\":\"222222222222\",\"due\":0}\n");
    }

    @Test
    void shouldWriteNothingForNoRowsAndNullAsNull() {
        assertThat(new JsonFormat().format(ReportTable.of(List.of("a"), List.of()))).isEmpty();
        assertThat(new JsonFormat().format(new ReportTable(List.of("a", "n"), List.of(false, true),
                List.of(Arrays.asList(null, null))))).isEqualTo("{\"a\":null,\"n\":null}\n");
    }

    @Test
    void shouldEscapeQuotesBackslashesAndControlCharactersAsRfc8259Says() throws IOException {
        StringBuilder out = new StringBuilder();

        JsonValue.text("say \"hi\"\\ line\r\nnext\ttab \u0001 \u2028", out);

        assertThat(out).hasToString("\"say \\\"hi\\\"\\\\ line\\r\\nnext\\ttab \\u0001 \\u2028\"");
    }

    @Test
    void shouldWriteWhatJsonHasNoNumberForAsAString() throws IOException {
        assertThat(number("12.50")).isEqualTo("12.50");
        assertThat(number("-3")).isEqualTo("-3");
        assertThat(number("1e+30")).isEqualTo("1e+30");
        assertThat(number("NaN")).isEqualTo("\"NaN\"");
        assertThat(number("-Infinity")).isEqualTo("\"-Infinity\"");
    }

    @Test
    void shouldWriteAnIntervalAsAnIso8601Duration() {
        assertThat(JsonValue.iso8601(new PGInterval(0, 0, 0, 1, 0, 0))).isEqualTo("PT1H");
        assertThat(JsonValue.iso8601(new PGInterval(1, 2, 3, 4, 5, 6.5))).isEqualTo("P1Y2M3DT4H5M6.5S");
        assertThat(JsonValue.iso8601(new PGInterval(0, 0, 2, 0, 0, 0))).isEqualTo("P2D");
        assertThat(JsonValue.iso8601(new PGInterval(0, 0, 0, 0, 0, 0.000001))).isEqualTo("PT0.000001S");
        assertThat(JsonValue.iso8601(new PGInterval(0, 0, 0, 0, 0, 0))).isEqualTo("PT0S");
    }

    @Test
    void shouldBeChosenByName() {
        assertThat(ReportFormat.named("JSON")).containsInstanceOf(JsonFormat.class);
    }

    private static String number(String value) throws IOException {
        StringBuilder out = new StringBuilder();
        JsonValue.number(value, out);
        return out.toString();
    }
}
