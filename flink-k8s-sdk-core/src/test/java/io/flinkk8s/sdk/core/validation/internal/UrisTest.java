package io.flinkk8s.sdk.core.validation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UrisTest {

    @Test
    void acceptsLocationsWithASchemeOfTwoOrMoreLetters() {
        assertThat(Uris.hasScheme("s3://acme-flink/orders/checkpoints")).isTrue();
        assertThat(Uris.hasScheme("local:///opt/flink/usrlib/orders.jar")).isTrue();
        assertThat(Uris.hasScheme("hdfs://namenode:8020/flink")).isTrue();
        assertThat(Uris.hasScheme("C:/flink")).isFalse();
        assertThat(Uris.hasScheme("/flink/checkpoints")).isFalse();
        assertThat(Uris.hasScheme("s3://bucket with space/x")).isFalse();
        assertThat(Uris.hasScheme(" s3://x")).isFalse();
        assertThat(Uris.hasScheme("s3://")).isFalse();
    }

    @Test
    void thePlainPathAnswersAsJavaNetUriWould() {
        // given: texts over scheme and path characters and some URI syntax
        Random random = new Random(20261122L);
        String plainOnes = "aZ09+.-:/_~";
        String any = plainOnes + " %?#[]@!$&'()*,;=\\\"|^`{}é";
        int plain = 0;
        // when / then
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "s3://" : "");
            int length = 1 + random.nextInt(10);
            String alphabet = random.nextBoolean() ? plainOnes : any;
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            int scheme = Uris.plainSchemeLength(text);
            if (scheme >= 0) {
                plain++;
                assertThat(scheme).as("'%s'", text).isEqualTo(javaNetSchemeLength(text));
            }
        }
        assertThat(plain).isGreaterThan(10_000);
    }

    private static int javaNetSchemeLength(String text) {
        try {
            String scheme = new URI(text).getScheme();
            return scheme == null ? -2 : scheme.length();
        } catch (URISyntaxException e) {
            return -3;
        }
    }
}
