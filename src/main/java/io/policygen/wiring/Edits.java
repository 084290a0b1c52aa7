package io.policygen.wiring;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Levenshtein distance, with a swap of two neighbours counted as one edit (the commonest typo: qouta). */
public final class Edits {

    private Edits() {
    }

    /** The names within two edits of {@code typed} (and not all of it), nearest first: what "did you mean" offers. */
    public static List<String> nearest(String typed, Collection<String> names) {
        return names.stream()
                .map(name -> Map.entry(name, distance(typed, name)))
                .filter(candidate -> candidate.getValue() <= Math.min(2, typed.length() - 1))
                .sorted(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .toList();
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
