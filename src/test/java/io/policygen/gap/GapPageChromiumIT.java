package io.policygen.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gap page rendered by headless Chromium, looked at as a reader would: the screenshot's bars where the data puts
 * them, and the strings a member account wrote shown as text in the parsed document, never as elements.
 */
class GapPageChromiumIT {

    private static HeadlessChromium chromium;

    @TempDir
    Path temp;

    @BeforeAll
    static void locateChromium() throws Exception {
        chromium = HeadlessChromium.locate();
    }

    private Path page() throws Exception {
        Path page = temp.resolve("gap.html");
        Files.writeString(page, GapPage.render(GapPageSamples.data()), StandardCharsets.UTF_8);
        return page;
    }

    @Test
    void shouldDrawTheProgressBarsAndTheChartWhereTheDataPutsThem() throws Exception {
        Path png = temp.resolve("gap.png");
        chromium.screenshot(page(), png, 1200, 900, temp);
        Screenshot shot = new Screenshot(png);

        assertThat(shot.width()).isEqualTo(1200);
        assertThat(shot.height()).isEqualTo(900);
        assertThat(shot.colours()).as("distinct colours: text, bars, table rules").isGreaterThan(50);
        assertThat(shot.inked()).as("pixels that are not white").isGreaterThan(1200 * 900 / 50);

        // Progress: 10 of 10, 5 of 10, 0 of 4 reviewed: fills of 200 and 100 pixels on 200-pixel tracks, one above the other.
        List<Screenshot.Bar> fills = shot.bars(GapPage.PROGRESS_COLOUR, 20);
        assertThat(fills).extracting(Screenshot.Bar::width).containsExactly(200, 100);
        assertThat(fills).extracting(Screenshot.Bar::height).containsOnly(12);
        assertThat(fills.get(1).x()).isEqualTo(fills.get(0).x());
        assertThat(shot.bars(GapChart.GRID_COLOUR, 150)).as("the empty track of the third account")
                .anySatisfy(track -> {
                    assertThat(track.x()).isEqualTo(fills.get(0).x());
                    assertThat(track.width()).isEqualTo(200);
                    assertThat(track.y()).isGreaterThan(fills.get(1).y());
                });

        // Chart: median unused shares 0.9, 0.3, 0.6 of a 300-pixel scale, right of the progress bars, 20 pixels apart.
        List<Screenshot.Bar> bars = shot.bars(GapChart.BAR_COLOUR, 20);
        assertThat(bars).extracting(Screenshot.Bar::width).containsExactly(270, 90, 180);
        assertThat(bars).extracting(Screenshot.Bar::x).containsOnly(bars.getFirst().x());
        assertThat(bars.getFirst().x()).isGreaterThan(fills.getFirst().x() + 200);
        assertThat(bars.get(1).y() - bars.get(0).y()).isEqualTo(GapChart.ROW_HEIGHT);
        assertThat((double) bars.get(0).width() / bars.get(1).width()).isCloseTo(3.0, within(0.01));

        // Below: the permission sets' unused shares 75% and 50% as bars of 45 and 30 pixels, then the ranked table's
        // 86.7% and 50% as 52 and 30.
        List<Screenshot.Bar> minis = shot.bars("#ef9a9a", 10);
        assertThat(minis).extracting(Screenshot.Bar::width).containsExactly(45, 30, 52, 30);
        assertThat(minis.getFirst().y()).isGreaterThan(bars.getLast().y());
    }

    @Test
    void shouldShowWhatMemberAccountsWroteAsTextNeverAsElements() throws Exception {
        String dom = chromium.dumpDom(page(), temp);

        assertThat(dom).contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
                .contains("/\"&gt;&lt;svg onload=alert(3)&gt;/");
        assertThat(Pattern.compile("(?i)<img\\b").matcher(dom).find()).as("an img element").isFalse();
        assertThat(Pattern.compile("(?i)<script\\b").matcher(dom).find()).as("a script element").isFalse();
        assertThat(Pattern.compile("(?i)<[a-z][^<>]*\\son[a-z]+\\s*=").matcher(dom).find()).as("an event handler attribute").isFalse();
        assertThat(Pattern.compile("<svg\\b").matcher(dom).results().count()).as("svg elements: the chart only").isEqualTo(1);
        assertThat(Pattern.compile("<tr><td class=\"n\">\\d+</td>").matcher(dom).results().count())
                .as("ranked rows: the hostile name broke no cell").isEqualTo(2);
        assertThat(dom).as("the permission sets' rows: the hostile set name broke no cell")
                .containsSubsequence("<td>&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;</td><td class=\"n\">3</td>", "<td>ReadOnly</td>");
    }
}
