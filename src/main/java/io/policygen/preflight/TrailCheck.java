package io.policygen.preflight;

import io.policygen.generation.GenerationProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/**
 * A configured trail, read with CloudTrail GetTrail in the management account, in the Region of its ARN: it exists,
 * it is the organization's (a generation reads the principal's own account's logs from it), and it logs the Regions
 * the configuration asks a generation to read.
 */
final class TrailCheck {

    private static final String README = "config/iam/README.md#management-role";

    private final Function<String, CloudTrailClient> cloudTrail;

    TrailCheck(Function<String, CloudTrailClient> cloudTrail) {
        this.cloudTrail = cloudTrail;
    }

    TrailFacts check(int index, GenerationProperties.Trail configured, Findings findings) {
        String setting = "policygen.generation.trails[" + index + "]";
        String arn = configured.arn();
        String call = "CloudTrail GetTrail in " + TrailFacts.arnRegion(arn);
        try {
            Trail trail = cloudTrail.apply(TrailFacts.arnRegion(arn)).getTrail(r -> r.name(arn)).trail();
            findings.record(CheckKind.TRAIL, problems(setting, configured, trail));
            return TrailFacts.of(arn, trail);
        } catch (TrailNotFoundException e) {
            findings.record(CheckKind.TRAIL, List.of(problem(arn, "not found (" + AwsErrors.said(call, e) + ")",
                    "set " + setting + ".arn to the organization trail's ARN (the TrailARN that `aws cloudtrail "
                            + "describe-trails` shows in the management account)")));
        } catch (SdkException e) {
            findings.record(CheckKind.TRAIL, List.of(AwsErrors.accessDenied(e)
                    ? problem(arn, "the management role may not read it (" + AwsErrors.said(call, e) + ")",
                            "allow cloudtrail:GetTrail on it in config/iam/management-account-policy.json, see " + README)
                    : problem(arn, "could not be read (" + AwsErrors.saidWithMessage(call, e) + ")",
                            "check the ARN in " + setting + ".arn and that the management account reaches CloudTrail")));
        }
        return TrailFacts.unread(arn);
    }

    /** What is wrong with a trail CloudTrail found, against what the configuration asks of it. */
    static List<Problem> problems(String setting, GenerationProperties.Trail configured, Trail trail) {
        List<Problem> problems = new ArrayList<>();
        String arn = configured.arn();
        if (!Boolean.TRUE.equals(trail.isOrganizationTrail())) {
            problems.add(problem(arn, "is not an organization trail, so it holds no other account's activity",
                    "point " + setting + ".arn at the organization trail, or make this one an organization trail "
                            + "(aws cloudtrail update-trail --name " + arn + " --is-organization-trail)"));
        }
        if (!Boolean.TRUE.equals(trail.isMultiRegionTrail())) {
            String home = trail.homeRegion();
            if (configured.allRegions()) {
                problems.add(problem(arn, setting + ".all-regions is set, but the trail logs only its home Region "
                        + home, "make it multi-Region (aws cloudtrail update-trail --name " + arn
                        + " --is-multi-region-trail), or set " + setting + ".regions to [" + home + "] instead"));
            }
            List<String> unlogged = configured.regions().stream().filter(region -> !region.equals(home)).toList();
            if (!unlogged.isEmpty()) {
                problems.add(problem(arn, setting + ".regions lists " + String.join(", ", unlogged)
                        + ", which the trail does not log: it logs only its home Region " + home,
                        "make it multi-Region (aws cloudtrail update-trail --name " + arn
                                + " --is-multi-region-trail), or list only " + home));
            }
        }
        return problems;
    }

    private static Problem problem(String arn, String what, String fix) {
        return new Problem(CheckKind.TRAIL, null, arn, what, fix);
    }
}
