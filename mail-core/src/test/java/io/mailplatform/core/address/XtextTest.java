package io.mailplatform.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class XtextTest {

    @Test
    void decodesHexcharsAndRefusesWhatIsNotXtext() throws Exception {
        assertThat(Xtext.decode("alice+40example.test")).isEqualTo("alice@example.test");
        assertThat(Xtext.decode("a+2Bb+3Dc")).isEqualTo("a+b=c");
        assertThatThrownBy(() -> Xtext.decode("a+2b")).isInstanceOf(AddressException.class); // lower-case hex
        assertThatThrownBy(() -> Xtext.decode("a+4")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Xtext.decode("a=b")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Xtext.decode("a b")).isInstanceOf(AddressException.class);
        assertThat(Xtext.encode("a+b=c d")).isEqualTo("a+2Bb+3Dc+20d");
    }

    @Test
    void decodeRefusesEncodedControlCharactersAndBadUtf8() throws Exception {
        assertThat(Xtext.decode("id+2B7")).isEqualTo("id+7");
        assertThat(Xtext.decode("j+C3+B6rg+40example.test")).isEqualTo("jörg@example.test");
        assertThatThrownBy(() -> Xtext.decode("x+0D+0AReporting-MTA:+20dns;+20evil")).isInstanceOf(AddressException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> Xtext.decode("x+0A")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Xtext.decode("x+00")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Xtext.decode("x+7F")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> Xtext.decode("x+C2+85")).isInstanceOf(AddressException.class); // NEL, a C1 control
        assertThatThrownBy(() -> Xtext.decode("x+FF")).isInstanceOf(AddressException.class)
                .hasMessageContaining("UTF-8");
    }

    @RepeatedTest(5)
    void encodeThenDecodeIsTheIdentity() throws Exception {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(30); j > 0; j--) {
                text.appendCodePoint(random.nextBoolean() ? 0x20 + random.nextInt(95) : 0xa0 + random.nextInt(0x2000));
            }
            String encoded = Xtext.encode(text.toString());
            assertThat(Xtext.isValid(encoded)).as("seed %d", seed).isTrue();
            assertThat(Xtext.decode(encoded)).as("seed %d", seed).isEqualTo(text.toString());
        }
    }
}
