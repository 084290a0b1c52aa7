package io.policygen.gap;

/**
 * One account on the gap page.
 *
 * @param principals        its live principals
 * @param reviewed          of them, those with a gap (a generated policy and current policies): the progress bar
 * @param medianUnusedShare the median unused share of the reviewed ones: the chart's bar
 * @param worstUnusedShare  the highest: the chart's tick
 */
public record AccountLine(String accountId, String name, int principals, int reviewed, double medianUnusedShare,
                          double worstUnusedShare) {
}
