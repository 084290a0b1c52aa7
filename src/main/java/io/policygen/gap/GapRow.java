package io.policygen.gap;

import java.util.List;

/**
 * One principal's gap as a row of a {@code principal_gap}-style table: the figures a report ranks and sums.
 *
 * @param unusedShare       unused over granted, 0 to 1
 * @param topUnusedServices the services with the most unused weight, heaviest first
 * @param serviceLevel      services the generated policy names without actions ({@code *}: every one)
 * @param notes             how many {@link GapNote}s qualify the figures
 */
public record GapRow(long principalId, String accountId, PrincipalKind type, String name, String path, int granted,
                     int used, int usedAtServiceLevel, int notObservable, int unused, int unknown, int unusedScoped,
                     int unusedConditional, int usedNotGranted, double unusedShare, long score,
                     List<String> topUnusedServices, List<String> serviceLevel, int notes) {

    /** How many services a row names among the top unused. */
    public static final int TOP_SERVICES = 5;

    public static GapRow of(GapPrincipal principal, PrivilegeGap gap) {
        return new GapRow(principal.principalId(), principal.accountId(), principal.type(), principal.name(),
                principal.path(), gap.granted(), gap.used(), gap.usedAtServiceLevel(), gap.notObservable(), gap.unused(),
                gap.unknown(), gap.unusedScoped(), gap.unusedConditional(), gap.usedNotGranted(), gap.unusedShare(),
                gap.score(), gap.topUnusedServices(TOP_SERVICES).stream().map(ServiceGap::service).toList(),
                List.copyOf(gap.serviceLevelServices()), gap.notes().size());
    }
}
