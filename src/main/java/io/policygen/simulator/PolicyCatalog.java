package io.policygen.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The policy documents the simulated accounts hold, read once from {@code aws-managed-policies.json} and
 * {@code customer-policies.json} beside this class: AWS managed policies as AWS publishes them (two abridged), the
 * customer managed policies every account has (each at a version of the account's own), and the inline policy
 * templates principals and groups carry. {@code ${account}} and {@code ${system}} are filled in; IAM's own policy
 * variables ({@code ${aws:username}}) stay as they are.
 */
final class PolicyCatalog {

    static final String AWS_POLICY_PREFIX = "arn:aws:iam::aws:policy";

    private static final PolicyCatalog INSTANCE = new PolicyCatalog();

    private final List<ManagedPolicy> awsManaged = new ArrayList<>();
    private final List<JsonNode> customerTemplates = new ArrayList<>();
    private final Map<String, String> inlineTemplates = new LinkedHashMap<>();

    private PolicyCatalog() {
        for (JsonNode p : read("aws-managed-policies.json").get("policies")) {
            String name = p.get("name").asString();
            String path = p.get("path").asString();
            awsManaged.add(new ManagedPolicy(name, path, AWS_POLICY_PREFIX + path + name, policyId(0, name),
                    p.get("version").asString(), p.get("description").asString(), Instant.parse(p.get("created").asString()),
                    Instant.parse(p.get("updated").asString()), Protocols.JSON.writeValueAsString(p.get("document")), true));
        }
        JsonNode customer = read("customer-policies.json");
        customer.get("managed").forEach(customerTemplates::add);
        customer.get("inline").properties().forEach(e -> inlineTemplates.put(e.getKey(),
                Protocols.JSON.writeValueAsString(e.getValue())));
    }

    static PolicyCatalog get() {
        return INSTANCE;
    }

    /** Every AWS managed policy the simulator knows. */
    List<ManagedPolicy> awsManaged() {
        return awsManaged;
    }

    /** The ARN of an AWS managed policy by name; fails for one the simulator does not know. */
    String awsArn(String name) {
        return awsManaged.stream().filter(p -> p.name().equals(name)).findFirst().map(ManagedPolicy::arn)
                .orElseThrow(() -> new IllegalArgumentException("no AWS managed policy " + name + " in the simulator"));
    }

    /** The account's customer managed policies, each at the account's default version. */
    List<ManagedPolicy> customerManaged(long seed, String accountId, Instant joined) {
        List<ManagedPolicy> policies = new ArrayList<>();
        for (JsonNode t : customerTemplates) {
            String name = t.get("name").asString();
            String path = t.get("path").asString();
            long h = Hashing.hash(seed, accountId + name);
            int version = 1 + Hashing.below(h, 4);
            Instant created = joined.plusSeconds(86_400L * (1 + Hashing.below(h >>> 8, 300)));
            policies.add(new ManagedPolicy(name, path, customerArn(accountId, path, name), policyId(seed, accountId + name),
                    "v" + version, t.get("description").asString(), created,
                    created.plusSeconds(86_400L * 30 * (version - 1)),
                    fill(Protocols.JSON.writeValueAsString(t.get("document")), accountId, ""), false));
        }
        return policies;
    }

    static String customerArn(String accountId, String path, String name) {
        return "arn:aws:iam::" + accountId + ":policy" + path + name;
    }

    /** The ARN of the account's customer managed policy {@code name}. */
    String customerArn(String accountId, String name) {
        JsonNode t = customerTemplates.stream().filter(c -> c.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no customer managed policy " + name + " in the simulator"));
        return customerArn(accountId, t.get("path").asString(), name);
    }

    /** An inline policy template with the account and the principal's system filled in. */
    String inline(String template, String accountId, String system) {
        String text = Optional.ofNullable(inlineTemplates.get(template))
                .orElseThrow(() -> new IllegalArgumentException("no inline policy template " + template));
        return fill(text, accountId, system);
    }

    private static String fill(String text, String accountId, String system) {
        return text.replace("${account}", accountId).replace("${system}", system);
    }

    private static String policyId(long seed, String key) {
        return "ANPA" + Hashing.base32(Hashing.hash(seed, key + "#1"), Hashing.hash(seed, key + "#2"), 17);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PolicyCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing simulator resource " + resource);
            }
            return Protocols.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
