package io.policygen.principal;

import io.policygen.principal.IamItem.DiscoveredPrincipal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What discovery stores of a principal, column by column, each value as the text PostgreSQL reads it from: one list
 * that the upsert's column arrays, the use update's and the COPY of new principals all take their values from.
 */
final class PrincipalRow {

    record Column(String name, Function<DiscoveredPrincipal, String> text) {
    }

    static final Column ACCOUNT_ID = new Column("account_id", DiscoveredPrincipal::accountId);
    static final Column IAM_ID = new Column("iam_id", DiscoveredPrincipal::iamId);
    static final Column PRINCIPAL_ARN = new Column("principal_arn", DiscoveredPrincipal::arn);

    /** Everything but the use, in the order of the upsert's {@code unnest} columns. */
    static final List<Column> LISTED = List.of(
            ACCOUNT_ID,
            IAM_ID,
            PRINCIPAL_ARN,
            new Column("principal_type", p -> p.type().name()),
            new Column("name", DiscoveredPrincipal::name),
            new Column("path", p -> p.listed().path()),
            new Column("iam_created_at", p -> instant(p.createdAt())),
            new Column("inline_policies", p -> DocumentJson.documents(p.listed().inlinePolicies())),
            new Column("attached_policies", p -> DocumentJson.versions(p.attached())),
            new Column("permissions_boundary_arn", p -> p.boundary() == null ? null : p.boundary().arn()),
            new Column("permissions_boundary_version", p -> p.boundary() == null ? null : p.boundary().version()),
            new Column("tags", p -> DocumentJson.strings(p.listed().tags())),
            new Column("group_names", p -> p.type() == PrincipalType.USER ? TextArray.literal(p.listed().groups()) : null),
            new Column("breadth", p -> p.assessment().breadth().name()),
            new Column("broadest_grants", p -> TextArray.literal(p.assessment().broadestGrants())),
            new Column("policy_hash", p -> p.assessment().policyHash()));

    /** The use and what follows from it, in the order of both statements' use columns. */
    static final List<Column> USE = List.of(
            new Column("last_used_at", p -> instant(p.lastUse().at())),
            new Column("last_used_source", p -> p.lastUse().source()),
            new Column("last_use_known", p -> String.valueOf(p.lastUse().known())),
            new Column("fingerprint", p -> p.assessment().fingerprint()),
            new Column("eligibility", p -> p.assessment().eligibility().name()),
            new Column("eligibility_reason", p -> p.assessment().reason()),
            new Column("content_hash", DiscoveredPrincipal::contentHash));

    private static final List<Column> ALL = Stream.concat(LISTED.stream(), USE.stream()).toList();

    /** {@code copy principal (...) from stdin}, the columns of {@link #copyText}. */
    static final String COPY = Stream.concat(Stream.of("first_seen_at", "changed_at", "changed_run_id"),
                    ALL.stream().map(Column::name))
            .collect(Collectors.joining(", ", "copy principal (", ") from stdin"));

    private PrincipalRow() {
    }

    /**
     * The principals as COPY's text format reads them (a line a principal, its values tab-separated, null as \N), made a
     * line at a time as COPY reads: a page's text at once was three buffers of about a megabyte each (the builder, its
     * string, its bytes), each a humongous object for G1 with a 1 GB heap, and at 1,000 x 1,000 they started 150 of a
     * first night's 322 concurrent cycles (docs/benchmarks.md, Discovery).
     */
    static InputStream copyText(List<DiscoveredPrincipal> principals, Timestamp seen, long runId) {
        String at = seen.toInstant().toString();
        String first = at + "\t" + at + "\t" + runId;
        Iterator<DiscoveredPrincipal> rows = principals.iterator();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return rows.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return new ByteArrayInputStream(line(first, rows.next()));
            }
        });
    }

    private static byte[] line(String first, DiscoveredPrincipal p) {
        StringBuilder line = new StringBuilder(1024).append(first);
        for (Column column : ALL) {
            appendValue(line.append('\t'), column.text().apply(p));
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The value escaped for COPY: the runs between characters to escape go in whole. Appended char by char, it was two
     * fifths of copyText in a profile of a first night (95 of its 219 samples; 3.3% of the job's, 1.7% since).
     */
    private static void appendValue(StringBuilder text, String value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                text.append(value, from, i).append(escaped);
                from = i + 1;
            }
        }
        text.append(value, from, value.length());
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
