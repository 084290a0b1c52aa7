package io.policygen.preflight;

import io.policygen.aws.AwsClients;
import io.policygen.aws.AwsProperties;
import io.policygen.aws.CredentialsExpiredException;
import io.policygen.generation.GenerationProperties;
import io.policygen.organization.AwsOrganizationPages;
import io.policygen.organization.OrganizationListing;
import io.policygen.organization.OrganizationPages;
import io.policygen.organization.OrganizationProperties;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * {@code policygen check}: reads what a run needs, and starts no policy generation, so it spends no quota. The
 * credentials (STS GetCallerIdentity), the organization's accounts in scope (Organizations), each configured trail
 * (CloudTrail GetTrail), an estimate of the log files a generation would read, and per account the member role,
 * the access role and PassRole (STS AssumeRole, IAM GetRole and SimulatePrincipalPolicy).
 */
public final class Preflight {

    private static final String MANAGEMENT_README = "config/iam/README.md#management-role";

    private final AwsClients clients;
    private final OrganizationPages organizationPages;
    private final OrganizationProperties organization;
    private final GenerationProperties generation;
    private final AwsProperties aws;

    public Preflight(AwsClients clients, OrganizationPages organizationPages, OrganizationProperties organization,
                     GenerationProperties generation, AwsProperties aws) {
        this.clients = clients;
        this.organizationPages = organizationPages;
        this.organization = organization;
        this.generation = generation;
        this.aws = aws;
    }

    /** The preflight of the organization the clients reach, with the job's own settings. */
    public static Preflight create(AwsClients clients, OrganizationProperties organization,
                                   GenerationProperties generation, AwsProperties aws) {
        return new Preflight(clients, new AwsOrganizationPages(clients.organizations()), organization, generation, aws);
    }

    public PreflightReport check(PreflightOptions options) {
        Findings findings = new Findings();
        PreflightReport.Caller caller = caller(findings);
        if (caller == null) {
            findings.notChecked(CheckKind.ORGANIZATION);
            findings.notChecked(CheckKind.TRAIL);
            AccountCheck.KINDS.forEach(findings::notChecked);
            return report(findings, null, null, options, List.of(), List.of(), estimate(List.of(), findings));
        }
        AccountScope scope = scope(findings);
        List<TrailFacts> trails = new ArrayList<>();
        TrailCheck trailCheck = new TrailCheck(clients::cloudTrail);
        for (int i = 0; i < generation.trails().size(); i++) {
            trails.add(trailCheck.check(i, generation.trails().get(i), findings));
        }
        LogFileEstimate estimate = estimate(trails, findings);
        List<String> accounts = scope == null ? List.of() : scope.select(options, caller.accountId());
        if (scope == null) {
            AccountCheck.KINDS.forEach(findings::notChecked);
        }
        new AccountChecks(new AccountCheck(clients, organization.memberRole(), generation, generation.regionsOr(aws.region())),
                options.concurrency())
                .run(accounts, findings);
        return report(findings, caller, scope, options, accounts, trails, estimate);
    }

    private PreflightReport.Caller caller(Findings findings) {
        try {
            GetCallerIdentityResponse identity = clients.sts().getCallerIdentity();
            findings.record(CheckKind.CREDENTIALS, List.of());
            return new PreflightReport.Caller(identity.account(), identity.arn());
        } catch (SdkException e) {
            String fix = CredentialsExpiredException.in(e).isPresent()
                    ? "they have expired: renew them (aws sso login, a new session for AWS_SESSION_TOKEN) and check again; a"
                    + " run lasts hours, so give it credentials that last as long or renew themselves (a profile, the instance"
                    + " or container role)"
                    : "give policygen the management account role's credentials (environment, profile, or the instance or"
                    + " container role), see " + MANAGEMENT_README;
            findings.record(CheckKind.CREDENTIALS, List.of(new Problem(CheckKind.CREDENTIALS, null, "AWS credentials",
                    "do not work (" + AwsErrors.saidWithMessage("STS GetCallerIdentity", e) + ")", fix)));
            return null;
        }
    }

    private AccountScope scope(Findings findings) {
        OrganizationListing listing = OrganizationListing.of(organizationPages, organization.ouIds());
        AccountScope scope;
        try {
            scope = AccountScope.of(listing.stream(), organization);
        } catch (SdkException e) {
            findings.record(CheckKind.ORGANIZATION, List.of(new Problem(CheckKind.ORGANIZATION, null,
                    "the organization's accounts",
                    "cannot be listed (" + AwsErrors.saidWithMessage("Organizations " + listing.call(), e) + ")",
                    AwsErrors.accessDenied(e) ? "run policygen in the management account (or the delegated "
                            + "administrator) with config/iam/management-account-policy.json, see " + MANAGEMENT_README
                            : "check policygen.organization.ou-ids and that the account belongs to an organization")));
            return null;
        }
        List<Problem> problems = new ArrayList<>();
        for (String missing : scope.missing(organization)) {
            problems.add(new Problem(CheckKind.ORGANIZATION, null, "policygen.organization.include-accounts",
                    "names " + missing + ", which is not an ACTIVE account of the organization"
                            + (organization.ouIds().isEmpty() ? "" : " under policygen.organization.ou-ids"),
                    "correct the id, or remove it from the list"));
        }
        if (scope.inScope().isEmpty()) {
            problems.add(new Problem(CheckKind.ORGANIZATION, null, "the organization's accounts", "none of the "
                    + scope.listed() + " listed is an ACTIVE account in scope", "check policygen.organization.ou-ids, "
                    + "include-accounts and exclude-accounts"));
        }
        findings.record(CheckKind.ORGANIZATION, problems);
        return scope;
    }

    private LogFileEstimate estimate(List<TrailFacts> trails, Findings findings) {
        List<String> homes = new ArrayList<>();
        for (int i = 0; i < generation.trails().size(); i++) {
            homes.add(i < trails.size() ? trails.get(i).homeRegionOrArns()
                    : TrailFacts.arnRegion(generation.trails().get(i).arn()));
        }
        LogFileEstimate estimate = LogFileEstimate.of(generation.lookback(), generation.trails(), homes,
                generation.regionsOr(aws.region()));
        findings.record(CheckKind.LOG_FILES, estimate.fits() ? List.of() : List.of(LogFileProblem.of(estimate)));
        return estimate;
    }

    private static PreflightReport report(Findings findings, PreflightReport.Caller caller, AccountScope scope,
                                          PreflightOptions options, List<String> accounts, List<TrailFacts> trails,
                                          LogFileEstimate estimate) {
        return new PreflightReport(caller, scope == null ? 0 : scope.listed(), scope == null ? 0 : scope.inScope().size(),
                options.sample(), accounts, trails, estimate, findings.problems(), findings.counts());
    }
}
