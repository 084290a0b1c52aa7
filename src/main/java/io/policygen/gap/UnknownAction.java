package io.policygen.gap;

/**
 * A granted action the catalog does not know: a new action, a misspelling, or a pattern that matches none of the
 * catalog's ({@code newservice:*}). Kept as written, never dropped.
 */
public record UnknownAction(String action, boolean scoped, boolean conditional) {

    /** The service prefix as written before the colon, lower-cased; the whole text when there is no colon. */
    public String service() {
        int colon = action.indexOf(':');
        return Glob.lower(colon < 0 ? action : action.substring(0, colon));
    }
}
