package io.policygen.simulator;

import io.policygen.simulator.Principal.Kind;
import java.time.Instant;
import java.util.Arrays;

/**
 * The policies and tags of a seeded principal, from its name and the seed: what a role of its kind usually has
 * ({@code payments-admin-7} AdministratorAccess or an inline {@code "Action": "*"}, {@code -ops-} PowerUserAccess,
 * {@code -readonly-} ReadOnlyAccess, {@code -ci-} a deploy policy with service-wide wildcards, {@code -lambda-}
 * AWSLambdaBasicExecutionRole and a narrow inline policy...), users in groups or with access policies of their own,
 * some permissions boundaries, and now and then a policy with what an attacker could plant ({@code planted}).
 */
final class PrincipalContent {

    private static final String[] ROLE_KINDS = {"ecs-task", "service", "lambda", "ci", "readonly", "admin", "ops", "ec2"};
    private static final String[] NARROW = {"data-access", "queue-worker", "secrets-read", "logs-write"};
    private static final String[] ENVS = {"prod", "prod", "staging", "dev"};
    private static final String[] REGIONS = {"us-east-1", "us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"};

    private PrincipalContent() {
    }

    static PrincipalDetails of(Principal p, PrincipalLife life, Instant epoch, Instant now) {
        long h = life.hash();
        PolicyCatalog catalog = PolicyCatalog.get();
        String account = p.accountId();
        String system = system(p);
        PrincipalDetails d = PrincipalDetails.none().usedAt(life.lastUsed(epoch, now));
        if (d.lastUsed() != null) {
            d = new PrincipalDetails(d.lastUsed(), REGIONS[Hashing.below(Hashing.hash(h, 20), REGIONS.length)], d.tags(),
                    d.managedPolicyArns(), d.inlinePolicies(), null, d.groups());
        }
        double r = unit(h, 21);
        double s = unit(h, 22);
        if (p.kind() == Kind.ROLE) {
            switch (roleKind(p.name())) {
                case "admin" -> d = r < 0.6 ? d.attach(catalog.awsArn("AdministratorAccess"))
                        : r < 0.85 ? d.inline("break-glass", catalog.inline("full-admin", account, system))
                        : d.attach(catalog.customerArn(account, "legacy-admin"));
                case "ops" -> d = s < 0.2 ? d.attach(catalog.awsArn("PowerUserAccess")).attach(catalog.awsArn("ReadOnlyAccess"))
                        : d.attach(catalog.awsArn("PowerUserAccess"));
                case "readonly" -> d = d.attach(catalog.awsArn("ReadOnlyAccess"));
                case "ci" -> d = s < 0.4 ? d.attach(catalog.customerArn(account, "ci-deploy"))
                        .inline("artifacts", catalog.inline("s3-everything", account, system))
                        : d.attach(catalog.customerArn(account, "ci-deploy"));
                case "lambda" -> d = d.attach(catalog.awsArn("AWSLambdaBasicExecutionRole"))
                        .inline(system + "-access", catalog.inline(s < 0.5 ? "data-access" : "queue-worker", account, system));
                case "ec2" -> d = (s < 0.25 ? d.attach(catalog.awsArn("AmazonS3ReadOnlyAccess")) : d)
                        .attach(catalog.awsArn("AmazonSSMManagedInstanceCore"))
                        .inline("logs", catalog.inline("logs-write", account, system));
                default -> d = workload(d, h, account, system, catalog);
            }
            if (unit(h, 23) < 0.2) {
                d = d.boundary(catalog.customerArn(account, "workload-boundary"));
            }
        } else if (p.path().equals("/service-users/")) {
            d = d.inline(system + "-access", catalog.inline(NARROW[Hashing.below(Hashing.hash(h, 24), 2)], account, system));
            d = r < 0.15 ? d.inline("s3", catalog.inline("s3-everything", account, system))
                    : r < 0.25 ? d.attach(catalog.awsArn("AmazonS3ReadOnlyAccess"))
                    : r < 0.3 ? d.attach(catalog.awsArn("AmazonDynamoDBReadOnlyAccess")) : d;
        } else {
            d = human(d, h, account, catalog);
        }
        if (unit(h, 25) < 0.025) {
            d = d.inline("planted", catalog.inline("planted", account, system));
        }
        return tags(d, p, life, epoch, system);
    }

    private static PrincipalDetails workload(PrincipalDetails d, long h, String account, String system, PolicyCatalog catalog) {
        PrincipalDetails out = d.inline(system + "-" + NARROW[Hashing.below(Hashing.hash(h, 26), NARROW.length)],
                catalog.inline(NARROW[Hashing.below(Hashing.hash(h, 26), NARROW.length)], account, system));
        double r = unit(h, 27);
        if (r < 0.3) {
            String second = NARROW[Hashing.below(Hashing.hash(h, 28), NARROW.length)];
            out = out.inline(system + "-" + second, catalog.inline(second, account, system));
        }
        return r < 0.2 ? out.attach(catalog.customerArn(account, "app-data-access"))
                : r > 0.9 ? out.attach(catalog.awsArn("AmazonSQSFullAccess")) : out;
    }

    private static PrincipalDetails human(PrincipalDetails d, long h, String account, PolicyCatalog catalog) {
        int count = Hashing.below(Hashing.hash(h, 29), 3);
        String[] groups = new String[count + (unit(h, 30) < 0.06 ? 1 : 0)];
        for (int i = 0; i < count; i++) {
            groups[i] = AccountGroups.PEOPLES_GROUPS.get((Hashing.below(Hashing.hash(h, 31), 4) + i) % 4);
        }
        if (groups.length > count) {
            groups[count] = AccountGroups.ADMINS;
        }
        PrincipalDetails out = d.inGroups(groups);
        if (unit(h, 32) < 0.2) {
            out = out.inline("self-service", catalog.inline("self-service", account, ""));
        }
        if (unit(h, 33) < 0.1) {
            out = out.boundary(catalog.customerArn(account, "developer-boundary"));
        }
        return unit(h, 34) < 0.05 ? out.attach(catalog.customerArn(account, "tag-based-ec2")) : out;
    }

    private static PrincipalDetails tags(PrincipalDetails d, Principal p, PrincipalLife life, Instant epoch, String system) {
        long h = life.hash();
        PrincipalDetails out = d.tag("team", p.kind() == Kind.ROLE ? system : "people")
                .tag("env", ENVS[Hashing.below(Hashing.hash(h, 40), ENVS.length)]);
        if (unit(h, 41) < 0.3) {
            out = out.tag("owner", AccountPrincipals.SYSTEMS[Hashing.below(Hashing.hash(h, 42), 16)] + "-team@example.com");
        }
        if (unit(h, 43) < 0.1) {
            out = out.tag("cost-center", "cc-" + (1000 + Hashing.below(Hashing.hash(h, 44), 9000)));
        }
        if (unit(h, 45) < 0.05) {
            // IAM tag values allow letters, digits, spaces and _ . : / = + - @ only: a path is what can be planted there
            out = out.tag("runbook", "../../../etc/passwd");
        }
        String skip = life.optOutTag(epoch);
        return skip == null ? out : out.tag(PrincipalDetails.OPT_OUT_TAG, skip);
    }

    /** {@code payments} of {@code payments-ecs-task-7} or {@code svc-payments-12}; the account's own name otherwise. */
    private static String system(Principal p) {
        String name = p.name().startsWith("svc-") ? p.name().substring(4) : p.name();
        int dash = name.indexOf('-');
        return dash > 0 && Arrays.asList(AccountPrincipals.SYSTEMS).contains(name.substring(0, dash))
                ? name.substring(0, dash) : "app";
    }

    private static String roleKind(String name) {
        for (String kind : ROLE_KINDS) {
            if (name.contains("-" + kind + "-")) {
                return kind;
            }
        }
        return "service";
    }

    private static double unit(long h, long salt) {
        return Hashing.unit(Hashing.hash(h, salt));
    }
}
