package io.policygen.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The StackSet template's member role allows what config/iam/member-role-policy.json allows, statement by statement
 * (IamPoliciesIT keeps that file exact): someone who deploys the template gets a member role the job and
 * {@code policygen check} can work with.
 */
class MemberRoleTemplateTest {

    @Test
    void shouldGiveTheStackSetsMemberRoleTheActionsOfTheMemberRolePolicy() throws IOException {
        Map<String, Object> template = new Yaml(new CloudFormationTags()).load(
                Files.readString(Path.of("config/cloudformation/policygen-member-roles.yaml")));

        Map<String, Object> memberRole = map(map(map(template.get("Resources")).get("MemberRole")).get("Properties"));
        List<Map<String, Object>> statements = list(map(map(list(memberRole.get("Policies")).getFirst()).get("PolicyDocument"))
                .get("Statement"));

        Map<String, TreeSet<String>> inTemplate = new TreeMap<>();
        statements.forEach(s -> inTemplate.put((String) s.get("Sid"), actions(s.get("Action"))));
        Map<String, TreeSet<String>> inPolicy = new TreeMap<>();
        JsonNode policy = JsonMapper.builder().build().readTree(Files.readString(Path.of("config/iam/member-role-policy.json")));
        policy.get("Statement").forEach(s -> inPolicy.put(s.get("Sid").asString(), actions(s.get("Action").isArray()
                ? s.get("Action").valueStream().map(JsonNode::asString).toList() : s.get("Action").asString())));
        assertThat(inTemplate).isEqualTo(inPolicy);
    }

    private static TreeSet<String> actions(Object action) {
        return action instanceof List<?> list ? new TreeSet<>(list.stream().map(String::valueOf).toList())
                : new TreeSet<>(List.of(String.valueOf(action)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** CloudFormation's short forms (!Ref, !Sub, !GetAtt, !If...) read as the plain values they hold. */
    private static final class CloudFormationTags extends SafeConstructor {
        CloudFormationTags() {
            super(new LoaderOptions());
            for (String tag : List.of("!Ref", "!Sub", "!GetAtt", "!If", "!Not", "!Equals", "!Join", "!Select")) {
                yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return switch (node) {
                            case ScalarNode scalar -> scalar.getValue();
                            case SequenceNode sequence -> constructSequence(sequence);
                            default -> constructMapping((org.yaml.snakeyaml.nodes.MappingNode) node);
                        };
                    }
                });
            }
        }
    }
}
