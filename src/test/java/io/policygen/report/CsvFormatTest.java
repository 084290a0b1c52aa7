package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void shouldWriteAHeaderAndOneCrlfEndedRecordPerRow() {
        ReportTable table = new ReportTable(List.of("account_id", "due"), List.of(false, true),
                List.of(List.of("111111111111", "8"), List.of("222222222222", "0")));

        assertThat(new CsvFormat().format(table)).isEqualTo("account_id,due\r\n111111111111,8\r\n222222222222,0\r\n");
    }

    @Test
    void shouldQuoteFieldsWithCommasQuotesAndLineBreaksAsRfc4180Says() {
        ReportTable table = ReportTable.of(List.of("services", "policy", "message"), List.of(
                List.of("{ec2,s3}", "{\"Action\": \"s3:GetObject\"}", "line one\r\nline two")));

        assertThat(new CsvFormat().format(table)).isEqualTo("services,policy,message\r\n"
                + "\"{ec2,s3}\",\"{\"\"Action\"\": \"\"s3:GetObject\"\"}\",\"line one\r\nline two\"\r\n");
    }

    @Test
    void shouldWriteNullAsAnEmptyFieldAndLeaveOtherTextAlone() {
        ReportTable table = ReportTable.of(List.of("a", "b", "c"), List.of(Arrays.asList(null, " spaced ", "x;y")));

        assertThat(new CsvFormat().format(table)).isEqualTo("a,b,c\r\n, spaced ,x;y\r\n");
    }

    @Test
    void shouldQuoteALoneLineFeed() {
        assertThat(CsvFormat.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(CsvFormat.field("")).isEmpty();
    }
}
