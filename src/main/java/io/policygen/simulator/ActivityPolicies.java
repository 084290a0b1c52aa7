package io.policygen.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated CloudTrail activity of a principal (a few services and actions, deterministic from
 * the seed and the ARN) and the policy document Access Analyzer would generate from it.
 */
final class ActivityPolicies {

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
    private static final String[] SERVICE_LEVEL_ONLY = {"ssm", "xray", "athena", "glue"};

    private ActivityPolicies() {
    }

    /** The generated policy document, as the JSON string Access Analyzer returns. */
    static String policy(long seed, String principalArn, boolean resourcePlaceholders, boolean serviceLevel) {
        long h = Hashing.hash(seed, principalArn);
        int serviceCount = 2 + Hashing.below(h, 3);
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; chosen.size() < serviceCount; i++) {
            int s = Hashing.below(Hashing.hash(h, i), SERVICES.length);
            if (!chosen.contains(s)) {
                chosen.add(s);
            }
        }
        chosen.sort(Integer::compare);
        ObjectNode policy = Protocols.JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        for (int s : chosen) {
            Service service = SERVICES[s];
            ObjectNode statement = statements.addObject();
            statement.put("Effect", "Allow");
            ArrayNode actions = statement.putArray("Action");
            long ah = Hashing.hash(h, 100 + s);
            int count = 1 + Hashing.below(ah, service.actions().length);
            for (int a = 0; a < count; a++) {
                actions.add(service.prefix() + ":" + service.actions()[a]);
            }
            statement.put("Resource", resourcePlaceholders && service.resourcePlaceholder() != null
                    ? service.resourcePlaceholder() : "*");
        }
        if (serviceLevel) {
            ObjectNode statement = statements.addObject();
            statement.put("Effect", "Allow");
            statement.putArray("Action").add(SERVICE_LEVEL_ONLY[Hashing.below(h >>> 7, SERVICE_LEVEL_ONLY.length)] + ":*");
            statement.put("Resource", "*");
        }
        return Protocols.JSON.writeValueAsString(policy);
    }
}
