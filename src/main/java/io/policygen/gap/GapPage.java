package io.policygen.gap;

import java.util.List;
import java.util.Locale;

/**
 * The least-privilege gap as one self-contained HTML page: per-account progress bars and a chart of unused share by
 * account (inline SVG), then the principals ranked by score. Inline CSS, no script, no image, no font, no link: it
 * reads the same offline, and its Content-Security-Policy forbids loading anything, a second line behind the
 * escaping of every value ({@link Html}). The same data gives the same bytes.
 */
public final class GapPage {

    static final String PROGRESS_COLOUR = "#2e7d32";
    static final int PROGRESS_WIDTH = 200;

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px;color:#212121;background:#fff}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}
            .meta,.hint{color:#616161;font-size:13px;margin:0 0 8px}
            .accounts{display:flex;gap:32px;align-items:flex-start}
            table{border-collapse:collapse;font-size:13px}
            th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eeeeee;vertical-align:top}
            th{background:#fafafa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .track{display:inline-block;width:200px;height:12px;background:#e0e0e0;vertical-align:middle}
            .fill{display:block;height:12px;background:#2e7d32}
            .mini{display:inline-block;height:8px;background:#ef9a9a;margin-right:4px}
            svg text{font-size:11px;fill:#424242}
            .flag{display:inline-block;border:1px solid #bdbdbd;border-radius:3px;padding:0 4px;margin:0 2px 2px 0;font-size:11px}
            details{font-size:12px;max-width:420px}code{white-space:pre-wrap;word-break:break-all}
            """;

    private GapPage() {
    }

    public static String render(GapPageData data) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>policygen: least-privilege gap</title>
                <style>
                """).append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>Least-privilege gap</h1>\n<p class=\"meta\">").append(Html.text(data.generatedAt()))
                .append(" &middot; ").append(Html.number(data.principalsTotal())).append(" principals reviewed &middot; IAM action catalog: ")
                .append(Html.text(data.catalogSource())).append("</p>\n");
        accounts(data.accounts(), out);
        permissionSets(data.permissionSets(), out);
        principals(data, out);
        out.append("<p class=\"hint\">").append(Html.text(GapJson.EVALUATED)).append("</p>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void accounts(List<AccountLine> accounts, StringBuilder out) {
        out.append("<h2>Accounts</h2>\n<div class=\"accounts\">\n<table class=\"progress\">\n<thead><tr><th>account</th>"
                + "<th>principals reviewed</th><th class=\"n\">reviewed</th><th class=\"n\">median unused</th>"
                + "<th class=\"n\">worst</th></tr></thead>\n<tbody>\n");
        for (AccountLine account : accounts) {
            double done = account.principals() == 0 ? 0 : (double) account.reviewed() / account.principals();
            int fill = (int) Math.round(Math.max(0, Math.min(1, done)) * PROGRESS_WIDTH);
            out.append("<tr><td>").append(Html.text(account.accountId()));
            if (account.name() != null && !account.name().isBlank()) {
                out.append("<br>").append(Html.shortText(account.name(), 40));
            }
            out.append("</td><td><span class=\"track\">").append(String.format(Locale.ROOT,
                            "<span class=\"fill\" style=\"width:%dpx\"></span>", fill))
                    .append("</span></td><td class=\"n\">").append(Html.number(account.reviewed())).append(" / ")
                    .append(Html.number(account.principals())).append("</td><td class=\"n\">")
                    .append(Html.percent(account.medianUnusedShare())).append("</td><td class=\"n\">")
                    .append(Html.percent(account.worstUnusedShare())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n<figure>\n");
        GapChart.write(accounts, out);
        out.append("<figcaption class=\"hint\">Median unused share of each account's reviewed principals; the dark tick "
                + "is the worst one").append(accounts.size() > GapChart.MAX_ACCOUNTS
                ? " (the first " + GapChart.MAX_ACCOUNTS + " of " + Html.number(accounts.size()) + " accounts)" : "")
                .append(".</figcaption>\n</figure>\n</div>\n");
    }

    private static void principals(GapPageData data, StringBuilder out) {
        out.append("<h2>Principals, ranked by score</h2>\n<p class=\"hint\">").append(data.principals().size() < data.principalsTotal()
                ? "The " + Html.number(data.principals().size()) + " highest of " + Html.number(data.principalsTotal()) + ". " : "")
                .append("Score: the unused actions weighed by access level (permissions management 10, write 5, tagging 3, "
                        + "read 2, list 1, unknown to the catalog 5).</p>\n");
        out.append("<table class=\"ranked\">\n<thead><tr><th class=\"n\">#</th><th>account</th><th>type</th><th>name</th>"
                + "<th class=\"n\">granted</th><th class=\"n\">used</th><th class=\"n\">unused</th><th>unused share</th>"
                + "<th class=\"n\">score</th><th>top unused services</th><th>flags</th><th>notes</th></tr></thead>\n<tbody>\n");
        for (PrincipalLine line : data.principals()) {
            GapRow row = line.row();
            out.append("<tr><td class=\"n\">").append(line.rank()).append("</td><td>").append(Html.text(row.accountId()));
            if (line.accountName() != null && !line.accountName().isBlank()) {
                out.append("<br>").append(Html.shortText(line.accountName(), 40));
            }
            out.append("</td><td>").append(row.type().directory()).append("</td><td>").append(Html.text(row.name()));
            if (!"/".equals(row.path())) {
                out.append("<br><span class=\"hint\">").append(Html.text(row.path())).append("</span>");
            }
            if (line.permissionSet() != null) {
                out.append("<br><span class=\"flag\">permission set ").append(Html.text(line.permissionSet())).append("</span>");
            }
            out.append("</td><td class=\"n\">").append(Html.number(row.granted())).append("</td><td class=\"n\">")
                    .append(Html.number(row.used())).append("</td><td class=\"n\">").append(Html.number(row.unused()))
                    .append("</td><td>");
            share(row.unusedShare(), row.score(), row.topUnusedServices(), out);
            out.append("</td><td>");
            flags(row, out);
            out.append("</td><td>");
            notes(line.notes(), out);
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** IAM Identity Center's sets, judged over all their accounts: what a set can lose is changed once, in the set. */
    private static void permissionSets(List<PermissionSetLine> sets, StringBuilder out) {
        if (sets.isEmpty()) {
            return;
        }
        out.append("<h2>Permission sets</h2>\n<p class=\"hint\">IAM Identity Center provisions a permission set as a role in "
                + "each account it is assigned to, and IAM refuses to change those roles: a set's unused actions are those "
                + "no account's role used, taken out of the set itself.</p>\n");
        out.append("<table class=\"sets\">\n<thead><tr><th>permission set</th><th class=\"n\">accounts</th>"
                + "<th class=\"n\">reviewed</th><th class=\"n\">granted</th><th class=\"n\">used</th><th class=\"n\">unused</th>"
                + "<th>unused share</th><th class=\"n\">score</th><th>top unused services</th><th>flags</th></tr></thead>\n<tbody>\n");
        for (PermissionSetLine set : sets) {
            out.append("<tr><td>").append(Html.text(set.name())).append("</td><td class=\"n\">").append(Html.number(set.accounts()))
                    .append("</td><td class=\"n\">").append(Html.number(set.reviewed())).append("</td><td class=\"n\">")
                    .append(Html.number(set.granted())).append("</td><td class=\"n\">").append(Html.number(set.used()))
                    .append("</td><td class=\"n\">").append(Html.number(set.unused())).append("</td><td>");
            share(set.unusedShare(), set.score(), set.topUnusedServices(), out);
            out.append("</td><td>");
            if (!set.complete()) {
                out.append("<span class=\"flag\">accounts not reviewed yet</span>");
            }
            if (set.grantSets() > 1) {
                out.append("<span class=\"flag\">").append(Html.number(set.grantSets())).append(" grant sets</span>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** The unused share's bar and figure, the score, the top unused services: three cells, a principal's or a set's. */
    private static void share(double unusedShare, long score, List<String> topUnusedServices, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "<span class=\"mini\" style=\"width:%dpx\"></span>",
                        (int) Math.round(Math.max(0, Math.min(1, unusedShare)) * 60)))
                .append(Html.percent(unusedShare)).append("</td><td class=\"n\">").append(Html.number(score))
                .append("</td><td>").append(Html.text(String.join(", ", topUnusedServices)));
    }

    private static void flags(GapRow row, StringBuilder out) {
        flag(out, row.unusedScoped(), "scoped");
        flag(out, row.unusedConditional(), "conditional");
        flag(out, row.unknown(), "unknown");
        flag(out, row.notObservable(), "not observable");
        if (!row.serviceLevel().isEmpty()) {
            out.append("<span class=\"flag\">service level: ").append(Html.text(String.join(", ", row.serviceLevel()))).append("</span>");
        }
    }

    private static void flag(StringBuilder out, int count, String what) {
        if (count > 0) {
            out.append("<span class=\"flag\">").append(Html.number(count)).append(' ').append(what).append("</span>");
        }
    }

    private static void notes(List<GapNote> notes, StringBuilder out) {
        if (notes.isEmpty()) {
            return;
        }
        out.append("<details><summary>").append(notes.size()).append(notes.size() == 1 ? " note" : " notes").append("</summary><ul>");
        for (GapNote note : notes) {
            out.append("<li>").append(note.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (note.policy() != null) {
                out.append(", <code>").append(Html.text(note.policy())).append("</code>");
            }
            out.append(": <code>").append(Html.text(note.detail())).append("</code></li>");
        }
        out.append("</ul></details>");
    }
}
