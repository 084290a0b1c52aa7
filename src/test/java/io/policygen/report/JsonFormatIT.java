package io.policygen.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.policygen.testsupport.TestDatabase;
import io.policygen.testsupport.TestPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON report format on PostgreSQL's own types, read back by a JSON parser; and a million rows, streamed. */
@ExtendWith(TestPostgres.class)
class JsonFormatIT {

    private static TestDatabase database;

    @BeforeAll
    static void database(TestDatabase testDatabase) {
        database = testDatabase;
    }

    @Test
    void shouldKeepEveryTypeOfPostgresql() throws Exception {
        String json = write("""
                select 42::int as small, 9007199254740993::bigint as big, 12.50::numeric as exact, 'NaN'::numeric as not_a_number,
                       'Infinity'::float8 as infinite, 0.25::float8 as fraction, true as yes, null::boolean as unknown,
                       '{"Version": "2012-10-17",
                         "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}'::json as policy_json,
                       '[{"Statement": {"Action": ["iam:ListRoles"]}}]'::jsonb as policies,
                       array['ec2', 's3', null]::text[] as services, array[[1, 2], [3, 4]]::int[] as matrix,
                       '{}'::text[] as none, array[true, false] as flags,
                       timestamptz '2026-11-01 01:00:00.123456Z' as completed_at, timestamp '2026-11-01 01:00:00' as local_time,
                       date '2026-11-01' as day, interval '1 day 02:03:04.5' as duration,
                       'say "hi"' || chr(10) || 'bye' as message, null::text as nothing""", 1000);

        assertThat(json.lines()).hasSize(1);
        JsonNode row = JsonMapper.builder().build().readTree(json);
        assertThat(row.propertyNames()).containsExactly("small", "big", "exact", "not_a_number", "infinite", "fraction", "yes",
                "unknown", "policy_json", "policies", "services", "matrix", "none", "flags", "completed_at", "local_time", "day",
                "duration", "message", "nothing");
        assertThat(row.get("small").isInt()).isTrue();
        assertThat(row.get("big").asLong()).isEqualTo(9007199254740993L);
        assertThat(row.get("exact").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(row.get("not_a_number").asString()).isEqualTo("NaN");
        assertThat(row.get("infinite").asString()).isEqualTo("Infinity");
        assertThat(row.get("fraction").asDouble()).isEqualTo(0.25);
        assertThat(row.get("yes").isBoolean()).isTrue();
        assertThat(row.get("yes").asBoolean()).isTrue();
        assertThat(row.get("unknown").isNull()).isTrue();
        assertThat(row.get("policy_json").get("Statement").get(0).get("Action").asString()).isEqualTo("s3:GetObject");
        assertThat(row.get("policies").get(0).get("Statement").get("Action").get(0).asString()).isEqualTo("iam:ListRoles");
        assertThat(row.get("services").isArray()).isTrue();
        assertThat(row.get("services")).hasSize(3);
        assertThat(row.get("services").get(1).asString()).isEqualTo("s3");
        assertThat(row.get("services").get(2).isNull()).isTrue();
        assertThat(row.get("matrix").get(1).get(0).isInt()).isTrue();
        assertThat(row.get("matrix").get(1).get(0).asInt()).isEqualTo(3);
        assertThat(row.get("none").isArray()).isTrue();
        assertThat(row.get("none")).isEmpty();
        assertThat(row.get("flags").get(1).isBoolean()).isTrue();
        assertThat(row.get("completed_at").asString()).isEqualTo("2026-11-01T01:00:00.123456Z");
        assertThat(row.get("local_time").asString()).isEqualTo("2026-11-01T01:00:00");
        assertThat(row.get("day").asString()).isEqualTo("2026-11-01");
        assertThat(row.get("duration").asString()).isEqualTo("P1DT2H3M4.5S");
        assertThat(row.get("message").asString()).isEqualTo("say \"hi\"\nbye");
        assertThat(row.get("nothing").isNull()).isTrue();
    }

    @Test
    void shouldStreamAMillionRows() throws Exception {
        LineCounter out = new LineCounter();

        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false); // PostgreSQL's driver fetches in batches only inside a transaction
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(1000);
                try (ResultSet rows = statement.executeQuery("select g as n, 'principal-' || g as name, array[g, g + 1] as pair,"
                        + " now() as at from generate_series(1, 1000000) g")) {
                    new JsonFormat().write(rows, out);
                }
            }
            connection.rollback();
        }

        assertThat(out.lines).isEqualTo(1_000_000);
        assertThat(out.last.toString()).startsWith("{\"n\":1000000,\"name\":\"principal-1000000\",\"pair\":[1000000,1000001],\"at\":\"");
    }

    private static String write(String sql, int fetchSize) throws SQLException, IOException {
        StringBuilder out = new StringBuilder();
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.setFetchSize(fetchSize);
            try (ResultSet rows = statement.executeQuery(sql)) {
                new JsonFormat().write(rows, out);
            }
        }
        return out.toString();
    }

    /** Keeps only the count of lines and the last one: what a pipe to another process holds of a report. */
    private static final class LineCounter implements Appendable {

        long lines;
        StringBuilder last = new StringBuilder();
        private StringBuilder current = new StringBuilder();

        @Override
        public Appendable append(CharSequence text) {
            for (int i = 0; i < text.length(); i++) {
                append(text.charAt(i));
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence text, int start, int end) {
            return append(text.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            if (c == '\n') {
                lines++;
                last = current;
                current = new StringBuilder();
            } else {
                current.append(c);
            }
            return this;
        }
    }
}
