package io.policygen.gap;

import static io.policygen.gap.TestCatalog.actions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PolicyPartsTest {

    @Test
    void shouldPutAsManyStatementsInADocumentAsFit() {
        List<JsonNode> statements = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statements.add(statement("{\"Effect\":\"Allow\",\"Action\":" + actions("s3:GetObject" + i + "x", 10)
                    + ",\"Resource\":\"arn:aws:s3:::bucket-" + i + "/*\"}"));
        }

        List<ObjectNode> documents = PolicyParts.split(statements, 1_000);

        assertThat(documents).allSatisfy(document -> assertThat(CanonicalJson.compactLength(document)).isLessThanOrEqualTo(1_000));
        assertThat(statementsOf(documents)).as("every statement once, in its order").isEqualTo(statements);
        assertThat(documents).hasSizeGreaterThan(1);
        for (int i = 0; i + 1 < documents.size(); i++) {
            assertThat(CanonicalJson.compactLength(documents.get(i)) + 1
                    + CanonicalJson.compactLength(documents.get(i + 1).get("Statement").get(0)))
                    .as("document %d could not have taken the next one's first statement", i).isGreaterThan(1_000);
        }
        assertThat(documents.getFirst().get("Version").asString()).isEqualTo("2012-10-17");
    }

    @Test
    void shouldCutAStatementTooLongAloneByItsActionsToTheLimitExactly() {
        JsonNode big = statement("{\"Effect\":\"Allow\",\"Action\":" + actions("sqs:SendMessage", 400)
                + ",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}");

        List<ObjectNode> documents = PolicyParts.split(List.of(big), PolicyFiles.MAX_MANAGED_POLICY_LENGTH);

        assertThat(documents).hasSizeGreaterThan(1).allSatisfy(document ->
                assertThat(CanonicalJson.compactLength(document)).isLessThanOrEqualTo(PolicyFiles.MAX_MANAGED_POLICY_LENGTH));
        assertThat(CanonicalJson.compactLength(documents.getFirst()))
                .as("the length counted as IAM counts it: one more action would not have fit")
                .isGreaterThan(PolicyFiles.MAX_MANAGED_POLICY_LENGTH - "\"sqs:SendMessage399\"".length() - 1);
        List<String> actions = new ArrayList<>();
        for (JsonNode part : statementsOf(documents)) {
            ObjectNode rest = (ObjectNode) part.deepCopy();
            part.get("Action").forEach(action -> actions.add(action.asString()));
            rest.remove("Action");
            ObjectNode expected = (ObjectNode) big.deepCopy();
            expected.remove("Action");
            assertThat(rest).as("alike but for its actions").isEqualTo(expected);
        }
        List<String> all = new ArrayList<>();
        big.get("Action").forEach(action -> all.add(action.asString()));
        assertThat(actions).isEqualTo(all);
    }

    @Test
    void shouldGiveAStatementThatCannotBeCutADocumentOfItsOwn() {
        JsonNode notAction = statement("{\"Effect\":\"Allow\",\"NotAction\":" + actions("iam:CreateUser", 60) + ",\"Resource\":\"*\"}");
        JsonNode small = statement("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}");

        List<ObjectNode> documents = PolicyParts.split(List.of(small, notAction, small), 500);

        assertThat(documents).hasSize(3);
        assertThat(documents.get(1).get("Statement")).containsExactly(notAction);
        assertThat(CanonicalJson.compactLength(documents.get(1))).isGreaterThan(500);
    }

    private static JsonNode statement(String json) {
        return CanonicalJson.JSON.readTree(json);
    }

    private static List<JsonNode> statementsOf(List<ObjectNode> documents) {
        List<JsonNode> statements = new ArrayList<>();
        documents.forEach(document -> document.get("Statement").forEach(statements::add));
        return statements;
    }
}
