package io.flinkk8s.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.apache.flink.configuration.YamlParserUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulated JobManager reads a config file exactly as Flink's own YAML loader does. */
class FlinkConfigYamlTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "taskmanager.numberOfTaskSlots: 4\nparallelism.default: 12\n",
                "rest:\n  port: 8081\n  address: 0.0.0.0\nstate.backend.type: rocksdb\n",
                "a: true\nb: 'true'\nc: 1.5\nd: 0x1F\ne: ~\nf: 2024-01-01\ng: '6124'\n",
                "env.java.opts.all: \"-Dx=1 -Dy='2'\"\nlist: [a, b, 'c;d']\nmap: {k: v}\n",
                "pipeline.classpaths:\n  - file:///a.jar\n  - file:///b.jar\n# comment\n",
                "key: |\n  line one\n  line two\nother: >\n  folded\n  text\n",
                "anchors: &a {x: 1}\nref: *a\n"
            })
    void aConfigFileReadsAsFlinksLoaderReadsIt(String file) {
        assertThat(FlinkJobManagerController.parseFlinkYaml(file))
                .isEqualTo(YamlParserUtils.convertToObject(file, Object.class));
    }

    @Test
    void aSyntaxErrorIsFlinksOwnWithoutTheOffendingText() {
        String file = "password: s3cr3t\nbroken: [unclosed\n";

        Throwable ours = catchThrowable(() -> FlinkJobManagerController.parseFlinkYaml(file));
        Throwable flinks =
                catchThrowable(() -> YamlParserUtils.convertToObject(file, Object.class));

        assertThat(ours).isNotNull().hasSameClassAs(flinks).hasMessage(flinks.getMessage());
        assertThat(ours.getMessage()).doesNotContain("s3cr3t");
    }
}
