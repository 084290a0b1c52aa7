package io.policygen.gap;

import java.util.List;
import java.util.Locale;

/**
 * The page's chart, inline SVG: one horizontal bar per account, its length the median unused share of its reviewed
 * principals, a dark tick at the worst. Whole pixels throughout, so that bars have crisp edges a test can measure.
 */
final class GapChart {

    static final String BAR_COLOUR = "#c62828";
    static final String TICK_COLOUR = "#37474f";
    static final String GRID_COLOUR = "#e0e0e0";
    /** Pixels of a 100% bar. */
    static final int SCALE = 300;
    static final int LABEL_WIDTH = 180;
    static final int ROW_HEIGHT = 20;
    static final int BAR_HEIGHT = 12;
    static final int TOP = 24;
    static final int MAX_ACCOUNTS = 40;
    static final int WIDTH = LABEL_WIDTH + SCALE + 70;

    private GapChart() {
    }

    static void write(List<AccountLine> accounts, StringBuilder out) {
        List<AccountLine> shown = accounts.subList(0, Math.min(accounts.size(), MAX_ACCOUNTS));
        int height = TOP + ROW_HEIGHT * Math.max(shown.size(), 1) + 8;
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Median unused share by account\">\n", WIDTH, height, WIDTH, height));
        for (int percent = 0; percent <= 100; percent += 25) {
            int x = LABEL_WIDTH + SCALE * percent / 100;
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"1\" height=\"%d\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"14\" class=\"axis\" text-anchor=\"middle\">%d%%</text>\n",
                    x, TOP - 4, height - TOP, GRID_COLOUR, x, percent));
        }
        for (int i = 0; i < shown.size(); i++) {
            AccountLine account = shown.get(i);
            int y = TOP + i * ROW_HEIGHT;
            int bar = pixels(account.medianUnusedShare());
            int worst = pixels(account.worstUnusedShare());
            String label = account.name() == null || account.name().isBlank() ? account.accountId()
                    : account.name() + " (" + account.accountId() + ")";
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"label\" text-anchor=\"end\">%s</text>",
                    LABEL_WIDTH - 6, y + BAR_HEIGHT - 1, Html.shortText(label, 28)));
            // The tick first, taller than the bar: where the worst is the median it shows above and below it.
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"2\" height=\"%d\" fill=\"%s\"/>",
                    LABEL_WIDTH + Math.max(worst - 2, 0), y - 2, BAR_HEIGHT + 4, TICK_COLOUR));
            if (bar > 0) {
                out.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
                        LABEL_WIDTH, y, bar, BAR_HEIGHT, BAR_COLOUR));
            }
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"value\">%s</text>\n",
                    LABEL_WIDTH + Math.max(bar, worst) + 6, y + BAR_HEIGHT - 1, Html.percent(account.medianUnusedShare())));
        }
        if (shown.isEmpty()) {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"label\">no account reviewed yet</text>\n",
                    LABEL_WIDTH + 6, TOP + BAR_HEIGHT));
        }
        out.append("</svg>\n");
    }

    static int pixels(double share) {
        return (int) Math.round(Math.max(0, Math.min(1, share)) * SCALE);
    }
}
