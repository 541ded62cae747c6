package io.flinkk8s.sdk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flinkk8s.sdk.core.naming.ResourceLabels;
import io.flinkk8s.sdk.core.naming.ResourceNames;
import io.flinkk8s.sdk.core.spec.FlinkDeploymentSpec;
import io.flinkk8s.sdk.core.spec.PodSecurity;
import io.flinkk8s.sdk.core.spec.SecuritySpec;
import io.flinkk8s.sdk.core.spec.networking.IngressSpec;
import io.flinkk8s.sdk.core.spec.networking.IngressTls;
import io.flinkk8s.sdk.core.testing.Specs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameAndMetadataRulesTest {

    private static final String NAME_RULE =
            "must be a DNS-1123 label starting with a letter ([a-z]([-a-z0-9]*[a-z0-9])?) of at"
                    + " most 45 characters, so that every derived name fits in 63";
    private static final String LABEL_RULE =
            "must be a DNS-1123 label ([a-z0-9]([-a-z0-9]*[a-z0-9])?) of at most 63 characters";
    private static final String SUBDOMAIN_RULE =
            "must be a DNS-1123 subdomain (lower-case alphanumerics, '-' and '.', starting and"
                    + " ending with an alphanumeric) of at most 253 characters";
    private static final String QUALIFIED_NAME_RULE =
            "key must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then at"
                    + " most 63 characters matching ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    private static FlinkDeploymentSpec named(String name) {
        return Specs.minimalApplication().edit().name(name).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "a", "orders-2", "o-r-d-e-r-s"})
    void acceptsDnsLabelNamesStartingWithALetter(String name) {
        assertThat(Violations.of(named(name))).isEmpty();
    }

    @Test
    void acceptsANameOfExactlyTheLongestLengthWhoseDerivedNamesFitIn63() {
        String name = "o".repeat(ResourceNames.MAX_DEPLOYMENT_NAME_LENGTH);

        assertThat(Violations.of(named(name))).isEmpty();
        assertThat(ResourceNames.of(name).rpcService()).hasSizeLessThanOrEqualTo(63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Orders", "2orders", "orders-", "-orders", "or_ders", "or.ders", ""})
    void rejectsNamesThatAreNotLowerCaseLabelsStartingWithALetter(String name) {
        assertThat(Violations.of(named(name)))
                .containsExactly("name: " + NAME_RULE + ", was '" + name + "'");
    }

    @Test
    void rejectsANameOneCharacterTooLong() {
        String name = "o".repeat(46);

        assertThat(Violations.of(named(name)))
                .containsExactly("name: " + NAME_RULE + ", was '" + name + "'");
    }

    @Test
    void requiresAName() {
        assertThat(Violations.of(named(null))).containsExactly("name: must be set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"streaming", "team-a", "1team"})
    void acceptsDnsLabelNamespaces(String namespace) {
        assertThat(Violations.of(Specs.statefulHa().edit().namespace(namespace).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Streaming", "-team", "team.a", ""})
    void rejectsNamespacesThatAreNotDnsLabels(String namespace) {
        FlinkDeploymentSpec spec = Specs.statefulHa().edit().namespace(namespace).build();

        assertThat(Violations.of(spec))
                .containsExactly("namespace: " + LABEL_RULE + ", was '" + namespace + "'");
    }

    @Test
    void rejectsANamespaceLongerThan63() {
        String namespace = "n".repeat(64);
        FlinkDeploymentSpec spec = Specs.statefulHa().edit().namespace(namespace).build();

        assertThat(Violations.of(spec))
                .containsExactly("namespace: " + LABEL_RULE + ", was '" + namespace + "'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"flink:2.1-java17", "registry.example.com:5000/team/orders@sha256:ab12"})
    void acceptsImageReferences(String image) {
        assertThat(Violations.of(Specs.statefulHa().edit().image(image).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "flink 2.1", "flink:2.1\n"})
    void rejectsBlankImagesAndImagesWithWhitespace(String image) {
        assertThat(Violations.of(Specs.statefulHa().edit().image(image).build()))
                .containsExactly(
                        "image: must be a non-blank image reference without whitespace, was '"
                                + image
                                + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders-runner", "flink.orders", "sa1"})
    void acceptsDnsSubdomainServiceAccounts(String account) {
        assertThat(Violations.of(Specs.statefulHa().edit().serviceAccount(account).build()))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Runner", "a..b", "runner-", "run_ner", ""})
    void rejectsServiceAccountsThatAreNotDnsSubdomains(String account) {
        assertThat(Violations.of(Specs.statefulHa().edit().serviceAccount(account).build()))
                .containsExactly("serviceAccount: " + SUBDOMAIN_RULE + ", was '" + account + "'");
    }

    @Test
    void rejectsAServiceAccountLongerThan253() {
        String account = ("a".repeat(62) + ".").repeat(4) + "ab"; // 254 characters

        assertThat(Violations.of(Specs.statefulHa().edit().serviceAccount(account).build()))
                .containsExactly("serviceAccount: " + SUBDOMAIN_RULE + ", was '" + account + "'");
    }

    @Test
    void acceptsQualifiedLabelKeysAndValidValues() {
        Map<String, String> labels =
                Map.of(
                        "team", "payments",
                        "example.com/tier", "",
                        "cost_center.id", "A-1_b.2",
                        "x", "v".repeat(63));

        assertThat(Violations.of(Specs.statefulHa().edit().labels(labels).build())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-team", "team-", "example.com/", "Example.com/team", "a/b/c", "/team"})
    void rejectsLabelKeysThatAreNotQualifiedNames(String key) {
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().labels(Map.of(key, "payments")).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "labels['" + key + "']: " + QUALIFIED_NAME_RULE + ", was '" + key + "'");
    }

    @Test
    void rejectsALabelKeyWhoseNameIsLongerThan63() {
        String key = "example.com/" + "k".repeat(64);
        FlinkDeploymentSpec spec = Specs.statefulHa().edit().labels(Map.of(key, "v")).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "labels['" + key + "']: " + QUALIFIED_NAME_RULE + ", was '" + key + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-payments", "payments team", "pay/ments"})
    void rejectsLabelValuesThatKubernetesRefuses(String value) {
        FlinkDeploymentSpec spec = Specs.statefulHa().edit().labels(Map.of("team", value)).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "labels['team']: must be empty or at most 63 characters matching"
                                + " ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], was '"
                                + value
                                + "'");
    }

    @Test
    void rejectsALabelValueLongerThan63() {
        String value = "v".repeat(64);
        FlinkDeploymentSpec spec = Specs.statefulHa().edit().labels(Map.of("team", value)).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "labels['team']: must be empty or at most 63 characters matching"
                                + " ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], was '"
                                + value
                                + "'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ResourceLabels.NAME,
                ResourceLabels.INSTANCE,
                ResourceLabels.COMPONENT,
                ResourceLabels.VERSION,
                ResourceLabels.MANAGED_BY
            })
    void rejectsLabelsTheSdkSetsItself(String key) {
        FlinkDeploymentSpec spec = Specs.statefulHa().edit().labels(Map.of(key, "mine")).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "labels['"
                                + key
                                + "']: is reserved: the SDK sets it on every object, was 'mine'");
    }

    @Test
    void rejectsNullLabelAndAnnotationValues() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("team", null);
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().labels(withNull).annotations(withNull).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "labels['team']: must not be null",
                        "annotations['team']: must not be null");
    }

    @Test
    void acceptsAnnotationsWithQualifiedKeysAndAnyValue() {
        Map<String, String> annotations =
                Map.of("example.com/owner", "Payments Team <payments@example.com>", "note", "");

        assertThat(Violations.of(Specs.statefulHa().edit().annotations(annotations).build()))
                .isEmpty();
    }

    @Test
    void rejectsAnnotationKeysThatAreNotQualifiedNames() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa().edit().annotations(Map.of("owner@example", "x")).build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "annotations['owner@example']: "
                                + QUALIFIED_NAME_RULE
                                + ", was 'owner@example'");
    }

    @Test
    void rejectsRootWithTheRestrictedPodSecurityStandard() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .security(new SecuritySpec(PodSecurity.RESTRICTED, 0L, 0L, 0L))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "security.runAsUser: must not be 0 (root) when security.podSecurity is"
                                + " restricted, was 0");
    }

    @Test
    void acceptsRootWhenPodSecurityIsNone() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .security(new SecuritySpec(PodSecurity.NONE, 0L, 0L, 0L))
                        .build();

        assertThat(Violations.of(spec)).isEmpty();
    }

    @Test
    void rejectsNegativeUserGroupAndFsGroupIds() {
        FlinkDeploymentSpec spec =
                Specs.statefulHa()
                        .edit()
                        .security(new SecuritySpec(PodSecurity.NONE, -1L, -2L, -3L))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "security.runAsUser: must be >= 0, was -1",
                        "security.runAsGroup: must be >= 0, was -2",
                        "security.fsGroup: must be >= 0, was -3");
    }

    @Test
    void anIngressNeedsATemplateAndMetadataTheApiServerAccepts() {
        FlinkDeploymentSpec spec =
                Specs.minimalApplication()
                        .edit()
                        .ingress(
                                new IngressSpec(
                                        " ",
                                        "Nginx",
                                        Map.of(),
                                        Map.of("team", "a b"),
                                        List.of(new IngressTls(List.of(), "TLS"))))
                        .build();

        assertThat(Violations.of(spec))
                .containsExactly(
                        "ingress.template: must be a non-blank host and/or path without"
                                + " whitespace, was ' '",
                        "ingress.className: " + SUBDOMAIN_RULE + ", was 'Nginx'",
                        "ingress.labels['team']: must be empty or at most 63 characters matching"
                                + " ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], was 'a b'",
                        "ingress.tls[0].secretName: " + SUBDOMAIN_RULE + ", was 'TLS'");
        assertThat(
                        Violations.of(
                                spec.edit()
                                        .ingress(new IngressSpec(null, null, null, null, null))
                                        .build()))
                .containsExactly(
                        "ingress.template: must be set: a host, a path or both, e.g."
                                + " {{name}}.{{namespace}}.flink.example.com");
    }
}
