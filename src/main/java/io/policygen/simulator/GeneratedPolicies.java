package io.policygen.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The policy documents Access Analyzer would generate from a principal's simulated CloudTrail activity
 * (deterministic from the seed and the ARN): a few services and actions for most principals, many for the
 * broad ones, {@code service:*} statements for services identified only at service level. A policy longer
 * than 6,144 characters (IAM's limit for a managed policy) comes back as several documents, each complete
 * and under the limit, as AWS does; how AWS cuts it is not documented, here it is whole statements in order.
 */
final class GeneratedPolicies {

    static final int MAX_POLICY_LENGTH = 6_144;
    private static final String HEAD = "{\"Version\":\"2012-10-17\",\"Statement\":[";
    private static final String TAIL = "]}";

    private record Service(String prefix, String resourcePlaceholder, String[] actions) {
    }

    private static final Service[] SERVICES = {
            new Service("s3", "arn:aws:s3:::${BucketName}/${ObjectName}",
                    new String[] {"GetObject", "PutObject", "ListBucket", "DeleteObject"}),
            new Service("dynamodb", "arn:aws:dynamodb:${Region}:${Account}:table/${TableName}",
                    new String[] {"GetItem", "PutItem", "Query", "UpdateItem"}),
            new Service("sqs", "arn:aws:sqs:${Region}:${Account}:${QueueName}",
                    new String[] {"SendMessage", "ReceiveMessage", "DeleteMessage"}),
            new Service("lambda", "arn:aws:lambda:${Region}:${Account}:function:${FunctionName}",
                    new String[] {"InvokeFunction", "GetFunction"}),
            new Service("logs", "arn:aws:logs:${Region}:${Account}:log-group:${LogGroupName}",
                    new String[] {"CreateLogStream", "PutLogEvents"}),
            new Service("kms", "arn:aws:kms:${Region}:${Account}:key/${KeyId}",
                    new String[] {"Decrypt", "Encrypt", "GenerateDataKey"}),
            new Service("sns", "arn:aws:sns:${Region}:${Account}:${TopicName}", new String[] {"Publish"}),
            new Service("secretsmanager", "arn:aws:secretsmanager:${Region}:${Account}:secret:${SecretId}",
                    new String[] {"GetSecretValue", "DescribeSecret"}),
            new Service("ec2", null, new String[] {"DescribeInstances", "DescribeVpcs", "DescribeSubnets"}),
            new Service("cloudwatch", null, new String[] {"PutMetricData", "GetMetricData"}),
            new Service("ecr", null, new String[] {"GetAuthorizationToken", "BatchGetImage"}),
    };
    /** What broad principals used besides: service prefix, then the resources its actions act on. */
    private static final String[][] BROAD = {
            {"rds", "DBInstances", "DBClusters", "DBSnapshots"}, {"elasticloadbalancing", "LoadBalancers",
            "TargetGroups", "Listeners"}, {"autoscaling", "AutoScalingGroups", "LaunchConfigurations", "Policies"},
            {"cloudformation", "Stacks", "StackSets", "ChangeSets"}, {"ecs", "Clusters", "Services", "TaskDefinitions"},
            {"eks", "Clusters", "Nodegroups", "Addons"}, {"route53", "HostedZones", "HealthChecks", "Records"},
            {"elasticache", "CacheClusters", "ReplicationGroups", "Snapshots"}, {"kinesis", "Streams", "Shards",
            "Consumers"}, {"states", "StateMachines", "Executions", "Activities"}, {"events", "Rules", "EventBuses",
            "Archives"}, {"apigateway", "RestApis", "Stages", "Deployments"}};
    private static final String[] VERBS = {"Describe", "List", "Get", "Create", "Update", "Delete", "Tag"};
    private static final String[] SERVICE_LEVEL_ONLY = {"ssm", "xray", "athena", "glue"};

    private GeneratedPolicies() {
    }

    /** The generated policy documents, as the JSON strings Access Analyzer returns, each at most 6,144 characters. */
    static List<String> documents(long seed, String principalArn, boolean resourcePlaceholders, boolean serviceLevel) {
        long h = Hashing.hash(seed, principalArn);
        PrincipalUsage usage = PrincipalUsage.of(seed, principalArn);
        List<String> statements = new ArrayList<>();
        for (int s : services(h, usage.broad())) {
            Service service = SERVICES[s];
            int count = usage.broad() ? service.actions().length
                    : 1 + Hashing.below(Hashing.hash(h, 100 + s), service.actions().length);
            List<String> actions = new ArrayList<>();
            for (int a = 0; a < count; a++) {
                actions.add(service.prefix() + ":" + service.actions()[a]);
            }
            statements.add(statement(actions, resourcePlaceholders && service.resourcePlaceholder() != null
                    ? service.resourcePlaceholder() : "*"));
        }
        if (usage.broad()) {
            for (String[] service : BROAD) {
                List<String> actions = new ArrayList<>();
                for (int r = 1; r < service.length; r++) {
                    for (String verb : VERBS) {
                        actions.add(service[0] + ":" + verb + service[r]);
                    }
                }
                statements.add(statement(actions, "*"));
            }
        }
        String own = SERVICE_LEVEL_ONLY[Hashing.below(h >>> 7, SERVICE_LEVEL_ONLY.length)];
        if (usage.serviceLevelOnly() || serviceLevel) {
            statements.add(statement(List.of(own + ":*"), "*"));
        }
        return pack(statements);
    }

    private static List<Integer> services(long h, boolean all) {
        List<Integer> chosen = new ArrayList<>();
        int count = all ? SERVICES.length : 2 + Hashing.below(h, 3);
        for (int i = 0; chosen.size() < count; i++) {
            int s = all ? i : Hashing.below(Hashing.hash(h, i), SERVICES.length);
            if (!chosen.contains(s)) {
                chosen.add(s);
            }
        }
        chosen.sort(Integer::compare);
        return chosen;
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
