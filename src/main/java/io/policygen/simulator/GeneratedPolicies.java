package io.policygen.simulator;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The policy documents Access Analyzer would generate from a principal's simulated CloudTrail activity: drawn from
 * what its policies let it do ({@link PrincipalGrants}), deterministic from the seed and the ARN, as CloudTrail
 * records what a principal did, and it did what it may. Most principals used a few services and a few actions of
 * each, the ones workloads use most first (reading objects, sending messages, writing logs); the broad ones used many
 * of both; some also used a service Access Analyzer identifies only at service level: a {@code service:*} statement
 * and {@code isComplete} false. A principal that may do nothing, or called nothing it needs a permission for, gets no
 * document. A policy longer than 6,144 characters (IAM's limit for a managed policy) comes back as several
 * documents, each complete and under the limit, as AWS does; how AWS cuts it is not documented, here it is whole
 * statements in order.
 */
final class GeneratedPolicies {

    static final int MAX_POLICY_LENGTH = 6_144;
    private static final String HEAD = "{\"Version\":\"2012-10-17\",\"Statement\":[";
    private static final String TAIL = "]}";
    /** Used by broad principals: services and actions of each, at most. */
    private static final int BROAD_SERVICES = 16;
    private static final int BROAD_ACTIONS = 30;
    /** One principal in this many called nothing a permission is needed for (GetCallerIdentity at most). */
    private static final int IDLE = 25;

    private record Service(String prefix, String resourcePlaceholder, List<String> actions) {
    }

    /** The services workloads use most, each with its most used actions and Access Analyzer's resource template. */
    private static final List<Service> COMMON = List.of(
            new Service("s3", "arn:aws:s3:::${BucketName}/${ObjectName}",
                    List.of("GetObject", "PutObject", "ListBucket", "DeleteObject")),
            new Service("dynamodb", "arn:aws:dynamodb:${Region}:${Account}:table/${TableName}",
                    List.of("GetItem", "PutItem", "Query", "UpdateItem")),
            new Service("sqs", "arn:aws:sqs:${Region}:${Account}:${QueueName}",
                    List.of("SendMessage", "ReceiveMessage", "DeleteMessage")),
            new Service("lambda", "arn:aws:lambda:${Region}:${Account}:function:${FunctionName}",
                    List.of("InvokeFunction", "GetFunction")),
            new Service("logs", "arn:aws:logs:${Region}:${Account}:log-group:${LogGroupName}",
                    List.of("CreateLogStream", "PutLogEvents")),
            new Service("kms", "arn:aws:kms:${Region}:${Account}:key/${KeyId}",
                    List.of("Decrypt", "Encrypt", "GenerateDataKey")),
            new Service("sns", "arn:aws:sns:${Region}:${Account}:${TopicName}", List.of("Publish")),
            new Service("secretsmanager", "arn:aws:secretsmanager:${Region}:${Account}:secret:${SecretId}",
                    List.of("GetSecretValue", "DescribeSecret")),
            new Service("ec2", null, List.of("DescribeInstances", "DescribeVpcs", "DescribeSubnets")),
            new Service("cloudwatch", null, List.of("PutMetricData", "GetMetricData")),
            new Service("ecr", null, List.of("GetAuthorizationToken", "BatchGetImage")),
            new Service("rds", null, List.of("DescribeDBInstances", "DescribeDBClusters")),
            new Service("cloudformation", null, List.of("DescribeStacks", "CreateChangeSet")),
            new Service("ecs", null, List.of("DescribeServices", "RunTask")),
            new Service("ssm", null, List.of("GetParameter")),
            new Service("athena", null, List.of("StartQueryExecution", "GetQueryResults")));
    /**
     * CloudTrail does not record iam:PassRole as a call of its own, so no generated policy names it (AWS, "IAM Access
     * Analyzer policy generation", things to know).
     */
    private static final int PASS_ROLE = AwsActions.get().indexOf("iam:PassRole");
    private static final List<String> SERVICE_LEVEL_ONLY = List.of("ssm", "xray", "athena", "glue");

    private static final Map<String, Service> COMMON_BY_PREFIX = COMMON.stream()
            .collect(Collectors.toMap(Service::prefix, service -> service));

    /** What the principal used: the services it may use in the order drawn, the first {@code used} of them used. */
    private record Plan(long hash, boolean broad, BitSet granted, List<String> services, int used, String serviceLevel) {

        PrincipalUsage usage() {
            return new PrincipalUsage(serviceLevel != null, broad, used == 0);
        }
    }

    /** A generated policy and its shape. */
    record Generated(List<String> documents, PrincipalUsage usage) {
    }

    private GeneratedPolicies() {
    }

    /** The shape of the principal's generated policy. */
    static PrincipalUsage usage(long seed, String principalArn, BitSet granted) {
        return plan(seed, principalArn, granted).usage();
    }

    /** The generated policy documents, as the JSON strings Access Analyzer returns, each at most 6,144 characters. */
    static Generated generate(long seed, String principalArn, BitSet granted, boolean resourcePlaceholders,
                              boolean serviceLevel) {
        Plan plan = plan(seed, principalArn, granted);
        List<String> statements = new ArrayList<>();
        for (String prefix : plan.services().subList(0, plan.used()).stream().sorted().toList()) {
            Service common = COMMON_BY_PREFIX.get(prefix);
            statements.add(statement(actions(plan, prefix), resourcePlaceholders && common != null
                    && common.resourcePlaceholder() != null ? common.resourcePlaceholder() : "*"));
        }
        String own = plan.serviceLevel() != null ? plan.serviceLevel() : serviceLevel && plan.used() > 0
                && plan.services().size() > plan.used() ? plan.services().get(plan.used()) : null;
        if (own != null) {
            statements.add(statement(List.of(own + ":*"), "*"));
        }
        return new Generated(statements.isEmpty() ? List.of() : pack(statements), plan.usage());
    }

    private static Plan plan(long seed, String principalArn, BitSet granted) {
        long h = Hashing.hash(seed, principalArn);
        AwsActions aws = AwsActions.get();
        BitSet observable = (BitSet) granted.clone();
        if (PASS_ROLE >= 0) {
            observable.clear(PASS_ROLE);
        }
        record Drawn(String service, boolean common, long rank) {
        }
        List<Drawn> drawn = new ArrayList<>();
        for (int i = observable.nextSetBit(0); i >= 0; i = observable.nextSetBit(aws.range(aws.service(i))[1])) {
            String service = aws.service(i);
            drawn.add(new Drawn(service, COMMON_BY_PREFIX.containsKey(service), Hashing.hash(h, service)));
        }
        List<String> services = drawn.stream().sorted(Comparator.comparing((Drawn d) -> !d.common())
                .thenComparingLong(Drawn::rank)).map(Drawn::service).toList();
        boolean idle = Hashing.below(Hashing.hash(h, 203), IDLE) == 0;
        boolean broad = !idle && Hashing.below(Hashing.hash(h, 202), 12) == 0 && services.size() >= BROAD_SERVICES;
        int used = idle ? 0 : Math.min(services.size(), broad ? BROAD_SERVICES : 1 + Hashing.below(h, 4));
        String serviceLevel = null;
        if (!idle && Hashing.below(Hashing.hash(h, 201), 6) == 0) {
            List<String> rest = services.subList(used, services.size());
            serviceLevel = rest.stream().filter(SERVICE_LEVEL_ONLY::contains).findFirst()
                    .orElse(rest.isEmpty() ? null : rest.getFirst());
        }
        return new Plan(h, broad, observable, services, used, serviceLevel);
    }

    /** The service's actions the principal used: its most used ones it may perform first, then others it may. */
    private static List<String> actions(Plan plan, String prefix) {
        AwsActions aws = AwsActions.get();
        int[] range = aws.range(prefix);
        BitSet granted = plan.granted().get(range[0], range[1]);
        int count = plan.broad() ? Math.min(granted.cardinality(), BROAD_ACTIONS)
                : 1 + Hashing.below(Hashing.hash(plan.hash(), prefix), Math.min(granted.cardinality(), 4));
        List<Integer> order = new ArrayList<>();
        Service common = COMMON_BY_PREFIX.get(prefix);
        for (String action : common == null ? List.<String>of() : common.actions()) {
            int index = aws.indexOf(prefix + ":" + action) - range[0];
            if (index >= 0 && granted.get(index)) {
                order.add(index);
                granted.clear(index);
            }
        }
        if (order.size() < count) {
            granted.stream().boxed().sorted(Comparator.comparingLong(i -> Hashing.hash(plan.hash(), i + range[0])))
                    .limit(count - order.size()).forEach(order::add);
        }
        return order.subList(0, count).stream().map(i -> aws.action(i + range[0])).toList();
    }

    private static String statement(List<String> actions, String resource) {
        ObjectNode statement = Protocols.JSON.createObjectNode();
        statement.put("Effect", "Allow");
        actions.forEach(statement.putArray("Action")::add);
        statement.put("Resource", resource);
        return Protocols.JSON.writeValueAsString(statement);
    }

    /** Whole statements, in order, into as few documents of at most 6,144 characters as they fit. */
    private static List<String> pack(List<String> statements) {
        List<String> documents = new ArrayList<>();
        StringBuilder document = new StringBuilder(HEAD);
        for (String statement : statements) {
            boolean first = document.length() == HEAD.length();
            if (!first && document.length() + 1 + statement.length() + TAIL.length() > MAX_POLICY_LENGTH) {
                documents.add(document.append(TAIL).toString());
                document = new StringBuilder(HEAD);
                first = true;
            }
            document.append(first ? "" : ",").append(statement);
        }
        documents.add(document.append(TAIL).toString());
        return documents;
    }
}
