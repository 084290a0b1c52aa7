package io.policygen.simulator;

/** The simulator's options checked as they are built: a bad one names its command-line option and what is wrong. */
final class SimulatorOptionsCheck {

    private SimulatorOptionsCheck() {
    }

    static SimulatorOptions check(SimulatorOptions o) {
        require(o.port() >= 0 && o.port() <= 65535, "port", "must be 0-65535");
        require(o.accounts() >= 1 && o.accounts() <= 100_000, "accounts", "must be 1-100000");
        require(o.principalsPerAccount() >= 0 && o.principalsPerAccount() <= 100_000, "principals-per-account",
                "must be 0-100000");
        require(o.suspendedAccounts() >= 0, "suspended-accounts", "must be >= 0");
        require(o.unassumableAccounts() >= 0, "unassumable-accounts", "must be >= 0");
        require(o.suspendedAccounts() + o.unassumableAccounts() + o.accountStates().total()
                        + (o.delegatedAdministrator() != null ? 1 : 0) <= o.accounts() - 1, "suspended-accounts",
                "suspended, unassumable, pending-activation, pending-closure and closed accounts (and the delegated "
                        + "administrator) must leave the management account out (at most accounts - 1)");
        require(o.delegatedAdministrator() == null || o.delegatedAdministrator().matches("\\d{12}"), "delegated-admin",
                "must be a 12-digit account id");
        long maxSession = o.memberRoleMaxSession().toSeconds();
        require(maxSession >= 3600 && maxSession <= 43200, "max-session-duration", "must be PT1H-PT12H, as in IAM");
        require(!o.generationTime().isNegative(), "generation-time", "must not be negative");
        require(!o.generationJitter().isNegative(), "generation-jitter", "must not be negative");
        require(o.failureRate() >= 0 && o.failureRate() <= 1, "failure-rate", "must be 0-1");
        require(o.activeRegions() >= 1 && o.activeRegions() <= CloudTrailActivity.REGIONS.size(), "active-regions",
                "must be 1-" + CloudTrailActivity.REGIONS.size());
        require(o.logFilesPerRegionDay() >= 1, "log-files-per-region-day", "must be >= 1");
        require(o.logFileKilobytes() >= 1, "log-file-kb", "must be >= 1");
        require(o.concurrentQuota() >= 1, "concurrent-quota", "must be >= 1");
        require(o.dailyQuota() >= 0, "daily-quota", "must be >= 1 (or 0 for AWS's quota per Region)");
        require(o.defaultRate() >= 0, "rate", "must be >= 0 (0 = unlimited)");
        o.operationRates().forEach((op, rate) -> require(rate >= 0, "rate", op + " must be >= 0"));
        require(o.accessKeyId().matches("[A-Z0-9]{16,128}"), "access-key-id", "must be 16-128 upper-case letters or digits");
        require(!o.accessRoleName().startsWith("/") && !o.accessRoleName().endsWith("/"), "access-role",
                "give the role name with an optional path and no leading slash, e.g. service-role/Name");
        require(o.memberRoleName().matches("[\\w+=,.@-]{1,64}"), "member-role", "must be a role name without a path");
        require(!o.credentialReportTime().isNegative(), "credential-report-time", "must not be negative");
        require(o.permissionSets() >= 0 && o.permissionSets() <= IdentityCenter.PERMISSION_SETS.size(), "permission-sets",
                "must be 0-" + IdentityCenter.PERMISSION_SETS.size());
        return o;
    }

    private static void require(boolean condition, String option, String message) {
        if (!condition) {
            throw new IllegalArgumentException("--" + option + ": " + message);
        }
    }
}
