package io.policygen.cli;

import io.policygen.database.EmbeddedDatabase;
import java.io.PrintStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the demo prints at the end. */
final class DemoReport {

    private DemoReport() {
    }

    static void print(EmbeddedDatabase database, PrintStream out) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource(EmbeddedDatabase.DATABASE));
        out.println("account        principals  succeeded  failed");
        jdbc.sql("""
                        select p.account_id, count(distinct p.principal_id),
                               count(distinct p.principal_id) filter (where g.state = 'SUCCEEDED'),
                               count(distinct p.principal_id) filter (where g.state in ('FAILED', 'REJECTED'))
                        from principal p left join generation g using (principal_id)
                        where p.deleted_at is null group by 1 order by 1""")
                .query((rs, i) -> String.format("%-14s %10d %10d %7d", rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list().forEach(out::println);
    }
}
