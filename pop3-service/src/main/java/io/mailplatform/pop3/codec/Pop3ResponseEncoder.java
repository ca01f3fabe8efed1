package io.mailplatform.pop3.codec;

import io.mailplatform.pop3.response.ContinuationResponse;
import io.mailplatform.pop3.response.MultiLineResponse;
import io.mailplatform.pop3.response.Pop3Response;
import io.mailplatform.pop3.response.StatusResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Pop3Response} records: one CRLF-terminated status line (RFC 1939 §3), multi-line
 * responses byte-stuffed and ended with ".", SASL challenges as {@code + base64} (RFC 5034 §4).
 * Stateless, shared by every channel.
 */
@ChannelHandler.Sharable
public final class Pop3ResponseEncoder extends MessageToByteEncoder<Pop3Response> {

    public Pop3ResponseEncoder() {
        super(Pop3Response.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Pop3Response response, ByteBuf out) {
        out.writeCharSequence(render(response), StandardCharsets.UTF_8);
    }

    /** The response as it goes on the wire. */
    public static String render(Pop3Response response) {
        StringBuilder text = new StringBuilder();
        if (response instanceof StatusResponse status) {
            status(status, text);
        } else if (response instanceof MultiLineResponse multi) {
            status(multi.status(), text);
            for (String line : multi.lines()) {
                if (line.startsWith(".")) {
                    text.append('.');
                }
                text.append(line).append("\r\n");
            }
            text.append(".\r\n");
        } else if (response instanceof ContinuationResponse continuation) {
            text.append("+ ").append(continuation.base64()).append("\r\n");
        }
        return text.toString();
    }

    private static void status(StatusResponse status, StringBuilder text) {
        text.append(status.ok() ? "+OK" : "-ERR");
        if (status.code() != null) {
            text.append(" [").append(status.code().text()).append(']');
        }
        if (!status.text().isEmpty()) {
            text.append(' ').append(status.text());
        }
        text.append("\r\n");
    }
}
