package io.policygen.generation;

import java.util.List;

/**
 * What a generation's end means for its principal and its slot. A success clears the slot's run of failures and
 * proves the organization's setup. A failure for the CloudTrail limits (log files, data size) is the window's fault:
 * the principal is asked for again on a smaller one. A failure that says the account's setup is wrong (the access role, the trail) is charged to
 * the account, not the principal, and stops the slot; so do {@code max-consecutive-failures} failures in a row. A start
 * AWS refused is judged the same way ({@link #refused}).
 */
final class OutcomePolicy {

    /**
     * policygen's code for a generation whose result Access Analyzer no longer has (a week unlooked at): nobody's
     * failure, so the principal stays due as it was; counted in a row all the same, so that an account whose every
     * job were lost would stop rather than spend its quota night after night.
     */
    static final String RESULT_LOST = "RESULT_LOST";
    private static final String ACCESS_DENIED = "AccessDeniedException";
    /** Access Analyzer's answer to credentials it does not accept: in an opt-in Region the account has not enabled. */
    private static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";

    /** What the caller does next for the principal. */
    enum Next {
        /** Nothing: its outcome is stored. */
        DONE,
        /** Nothing: it succeeded, so the window it asked for fits. */
        SUCCEEDED,
        /** Ask again on a smaller CloudTrail window (the log-file or data-size limit). */
        SMALLER_WINDOW
    }

    /** The judgement: who pays for the outcome, and what comes next. */
    record Judgement(ChargedTo chargedTo, Next next) {
    }

    private final GenerationProperties properties;
    private final SetupGate gate;

    OutcomePolicy(GenerationProperties properties, SetupGate gate) {
        this.properties = properties;
        this.gate = gate;
    }

    Judgement judge(AccountSlot slot, GenerationResult result) {
        Judgement judgement;
        SetupProblem setupProblem = null;
        if (GenerationResult.SUCCEEDED.equals(result.status())) {
            slot.succeeded();
            gate.succeeded();
            judgement = new Judgement(ChargedTo.PRINCIPAL, Next.SUCCEEDED);
        } else if (!"FAILED".equals(result.status())) {
            judgement = new Judgement(ChargedTo.PRINCIPAL, Next.DONE);
        } else if (SetupFixes.isCloudTrailLimit(result.errorCode())) {
            judgement = new Judgement(ChargedTo.ACCOUNT, Next.SMALLER_WINDOW);
        } else if (SetupFixes.isSetupFailure(result.errorCode())) {
            setupProblem = SetupFixes.forJobError(result.errorCode(), result.errorMessage(),
                    properties.accessRoleArn(slot.id().accountId()));
            slot.stopForSetup(SlotOutcome.SETUP_FAILED, setupProblem);
            judgement = new Judgement(ChargedTo.ACCOUNT, Next.DONE);
        } else {
            int inARow = slot.failedInARow();
            if (inARow >= properties.maxConsecutiveFailures()) {
                slot.stopForSetup(SlotOutcome.FAILING, SetupFixes.forFailuresInARow(inARow, result.errorCode(), result.errorMessage()));
            }
            judgement = new Judgement(RESULT_LOST.equals(result.errorCode()) ? ChargedTo.ACCOUNT : ChargedTo.PRINCIPAL, Next.DONE);
        }
        if (slot.firstOutcome()) {
            gate.firstOutcome(slot.id(), setupProblem);
        }
        return judgement;
    }

    /**
     * A GetGeneratedPolicy refused for the caller (AccessDenied: the member role may not read, an SCP denies it). The
     * generation ran, and its result is AWS's to give once that is fixed: it stays open, charged to nobody, and the
     * slot stops for its setup at once, since every job of the account would be refused alike (taken for the
     * principal's failure, each of the account's generations of the night was spent and its result never read, and
     * the run ended 0).
     */
    void readRefused(AccountSlot slot, String code, String message) {
        SetupProblem problem = SetupFixes.forReadDenied(code, message);
        slot.stopForSetup(SlotOutcome.SETUP_FAILED, problem);
        if (slot.firstOutcome()) {
            gate.firstOutcome(slot.id(), problem);
        }
    }

    /**
     * A StartPolicyGeneration AWS refused, with who pays for it. AccessDeniedException is the member role's: the
     * action takes no resource but the access role it passes, so every principal of the account is refused alike, and
     * the slot stops for its setup at once; so does UnrecognizedClientException, the account's credentials refused in
     * the Region, and a ValidationException that names only the request's CloudTrail details (the trail, its Regions,
     * the access role: policygen's settings, the same for every principal). One that names only the principal's ARN
     * (a principal deleted since the listing) is that principal's alone and says nothing of the account: it is not
     * counted in a row. Any other refusal is the principal's until {@code max-consecutive-failures} come in a row,
     * counted with the failures. Nothing started, so no quota was spent either way, but an account that refuses
     * everything needs a person (exit 5), not a run that ends 0.
     */
    ChargedTo refused(AccountSlot slot, String code, String message, List<String> fields) {
        RefusedFields part = RefusedFields.of(fields);
        SetupProblem accountWide = switch (code) {
            case ACCESS_DENIED -> SetupFixes.forStartDenied(message, properties.accessRoleArn(slot.id().accountId()));
            case UNRECOGNIZED_CLIENT -> SetupFixes.forRegionNotEnabled(code, message, slot.id().region());
            default -> part == RefusedFields.TRAIL_DETAILS ? SetupFixes.forTrailDetailsRefused(code, message, fields) : null;
        };
        if (accountWide != null) {
            slot.stopForSetup(SlotOutcome.SETUP_FAILED, accountWide);
            return ChargedTo.ACCOUNT;
        }
        if (part == RefusedFields.PRINCIPAL) {
            return ChargedTo.PRINCIPAL;
        }
        int inARow = slot.failedInARow();
        if (inARow >= properties.maxConsecutiveFailures()) {
            slot.stopForSetup(SlotOutcome.FAILING, SetupFixes.forRefusalsInARow(inARow, code, message));
        }
        return ChargedTo.PRINCIPAL;
    }
}
