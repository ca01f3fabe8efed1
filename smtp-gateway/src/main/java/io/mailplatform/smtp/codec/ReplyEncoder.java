package io.mailplatform.smtp.codec;

import io.mailplatform.smtp.reply.SmtpReply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link SmtpReply} (RFC 5321 §4.2): {@code code "-" text} for every line but the last,
 * {@code code SP text} for the last, each line with the enhanced status code (RFC 2034 §3) and CRLF.
 * Stateless, so one instance serves every channel.
 */
@ChannelHandler.Sharable
public final class ReplyEncoder extends MessageToByteEncoder<SmtpReply> {
    public static final ReplyEncoder INSTANCE = new ReplyEncoder();

    private ReplyEncoder() {
        super(SmtpReply.class);
    }

    /** The wire form of a reply, for writers outside a session pipeline (connection refusals, shutdown). */
    public static byte[] toBytes(SmtpReply reply) {
        ByteBuf out = Unpooled.buffer();
        write(reply, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, SmtpReply reply, ByteBuf out) {
        write(reply, out);
    }

    private static void write(SmtpReply reply, ByteBuf out) {
        List<String> lines = reply.lines();
        String status = reply.status() == null ? null : reply.status().toString();
        for (int i = 0; i < lines.size(); i++) {
            out.writeByte('0' + reply.code() / 100).writeByte('0' + reply.code() / 10 % 10).writeByte('0' + reply.code() % 10);
            out.writeByte(i == lines.size() - 1 ? ' ' : '-');
            if (status != null) {
                out.writeCharSequence(status, StandardCharsets.US_ASCII);
                out.writeByte(' ');
            }
            out.writeCharSequence(lines.get(i), StandardCharsets.UTF_8);
            out.writeByte('\r').writeByte('\n');
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, SmtpReply reply, boolean preferDirect) {
        int size = 0;
        for (String line : reply.lines()) {
            size += line.length() * 3 + 16;
        }
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }
}
