package io.policygen.gap;

/**
 * One service of a principal's gap.
 *
 * @param granted            actions of the service the principal may use (unknown ones included)
 * @param used               of them, named in the generated policy
 * @param usedAtServiceLevel of them, in a service the generated policy names only at service level: not judged
 * @param unused             of them, neither
 * @param unusedWeight       the unused actions' weights ({@link AccessLevel#weight()}) summed: the service's share
 *                           of the principal's score
 * @param catalogActions     how many actions the catalog knows for the service (0 for a service it does not know)
 */
public record ServiceGap(String service, int granted, int used, int usedAtServiceLevel, int unused, long unusedWeight,
                         int catalogActions) {

    /** The generated policy names this service only at service level: used, actions unknown. */
    public boolean serviceLevel() {
        return usedAtServiceLevel > 0;
    }

    /** Every action of the service is granted and unused: a list of them says no more than the service's name. */
    public boolean everyActionUnused() {
        return catalogActions > 0 && unused == catalogActions && granted == catalogActions;
    }
}
