package io.mailplatform.pop3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.response.ContinuationResponse;
import io.mailplatform.pop3.response.MultiLineResponse;
import io.mailplatform.pop3.response.ResponseCode;
import io.mailplatform.pop3.response.StatusResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pop3ResponseEncoderTest {

    @Test
    void rendersEveryResponseType() {
        assertThat(Pop3ResponseEncoder.render(StatusResponse.ok(""))).isEqualTo("+OK\r\n");
        assertThat(Pop3ResponseEncoder.render(StatusResponse.ok("2 320"))).isEqualTo("+OK 2 320\r\n");
        assertThat(Pop3ResponseEncoder.render(StatusResponse.err(ResponseCode.IN_USE, "Maildrop locked")))
                .isEqualTo("-ERR [IN-USE] Maildrop locked\r\n");
        assertThat(Pop3ResponseEncoder.render(StatusResponse.err(ResponseCode.SYS_TEMP, "x"))).isEqualTo("-ERR [SYS/TEMP] x\r\n");
        assertThat(Pop3ResponseEncoder.render(new ContinuationResponse(""))).isEqualTo("+ \r\n");
        assertThat(Pop3ResponseEncoder.render(new ContinuationResponse("VXNlcm5hbWU6"))).isEqualTo("+ VXNlcm5hbWU6\r\n");
        assertThat(Pop3ResponseEncoder.render(new MultiLineResponse(StatusResponse.ok(""), List.of("1 120", ".hidden", ""))))
                .isEqualTo("+OK\r\n1 120\r\n..hidden\r\n\r\n.\r\n");
    }

    @Test
    void writesResponsesIntoTheChannel() {
        EmbeddedChannel channel = new EmbeddedChannel(new Pop3ResponseEncoder());
        channel.writeOutbound(StatusResponse.ok("ready"));
        ByteBuf out = channel.readOutbound();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("+OK ready\r\n");
        out.release();
        channel.finishAndReleaseAll();
    }
}
