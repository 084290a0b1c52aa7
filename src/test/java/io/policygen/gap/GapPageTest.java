package io.policygen.gap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's text; GapPageChromiumIT looks at it rendered. */
class GapPageTest {

    @Test
    void shouldWriteEveryValueFromMemberAccountsAsText() {
        String html = GapPage.render(GapPageSamples.data());

        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
                .contains("/&quot;&gt;&lt;svg onload=alert(3)&gt;/")
                .doesNotContain("<img").doesNotContain("<script").doesNotContain("<svg onload");
        assertThat(html).contains("aws:PrincipalTag/team&quot;:&quot;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void shouldLoadNothingFromAnywhere() {
        String html = GapPage.render(GapPageSamples.data());

        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        assertThat(Pattern.compile("(?i)<(script|link|img|iframe|object|embed)\\b").matcher(html).find()).isFalse();
        assertThat(Pattern.compile("(?i)<[a-z][^<>]*\\s(src|href|on[a-z]+)\\s*=").matcher(html).find()).as("an attribute that loads or runs").isFalse();
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void shouldDrawBarsInWholePixelsFromTheShares() {
        String html = GapPage.render(GapPageSamples.data());

        assertThat(html).contains("<span class=\"fill\" style=\"width:200px\"></span>")
                .contains("<span class=\"fill\" style=\"width:100px\"></span>")
                .contains("<span class=\"fill\" style=\"width:0px\"></span>");
        assertThat(html).contains("class=\"bar\" x=\"180\" y=\"24\" width=\"270\"")
                .contains("class=\"bar\" x=\"180\" y=\"44\" width=\"90\"")
                .contains("class=\"bar\" x=\"180\" y=\"64\" width=\"180\"");
    }

    @Test
    void shouldRankAndFlagThePrincipals() {
        String html = GapPage.render(GapPageSamples.data());

        assertThat(html).containsSubsequence("<td class=\"n\">1</td>", "&lt;/td&gt;&lt;script&gt;", "<td class=\"n\">2</td>",
                "AWSReservedSSO_ReadOnly_0123456789abcdef", "<span class=\"flag\">permission set ReadOnly</span>");
        assertThat(html).as("the first principal is no Identity Center role").containsOnlyOnce("\"flag\">permission set ");
        assertThat(html).contains("<span class=\"flag\">1 conditional</span>").contains("<span class=\"flag\">1 not observable</span>")
                .contains("1 note</summary>");
    }

    @Test
    void shouldListThePermissionSetsBeforeThePrincipals() {
        String html = GapPage.render(GapPageSamples.data());

        assertThat(html).containsSubsequence("<h2>Accounts</h2>", "<h2>Permission sets</h2>",
                "<tr><td>&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;</td><td class=\"n\">3</td><td class=\"n\">2</td>"
                        + "<td class=\"n\">40</td><td class=\"n\">10</td><td class=\"n\">30</td>"
                        + "<td><span class=\"mini\" style=\"width:45px\"></span>75.0%</td><td class=\"n\">150</td>"
                        + "<td>ec2, &lt;img src=x onerror=alert(1)&gt;</td><td><span class=\"flag\">accounts not reviewed yet</span>"
                        + "<span class=\"flag\">2 grant sets</span></td></tr>",
                "<tr><td>ReadOnly</td>", "<span class=\"mini\" style=\"width:30px\"></span>50.0%", "<td></td></tr>",
                "<h2>Principals, ranked by score</h2>");
    }

    @Test
    void shouldLeaveThePermissionSetsOutWhereThereAreNone() {
        GapPageData data = GapPageSamples.data();
        String html = GapPage.render(new GapPageData(data.generatedAt(), data.catalogSource(), data.principalsTotal(),
                data.principals(), data.accounts(), List.of()));

        assertThat(html).doesNotContain("Permission sets").contains("<h2>Principals, ranked by score</h2>");
    }

    @Test
    void shouldEscapeControlCharactersAndLoneSurrogates() {
        assertThat(Html.text("a\0b\u0007c\td\uD800e\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\td\uFFFDe\uD83D\uDE00");
        assertThat(Html.text("'&")).isEqualTo("&#39;&amp;");
        assertThat(Html.shortText("abcdef", 4)).isEqualTo("abc\u2026");
    }

    @Test
    void shouldGiveTheSameBytesForTheSameData() {
        assertThat(GapPage.render(GapPageSamples.data())).isEqualTo(GapPage.render(GapPageSamples.data()));
    }

    @Test
    void shouldSayWhenThereIsNothingYet() {
        String html = GapPage.render(new GapPageData("now", "catalog", 0, List.of(), List.of(), List.of()));

        assertThat(html).contains("no account reviewed yet").contains("</html>\n");
    }
}
