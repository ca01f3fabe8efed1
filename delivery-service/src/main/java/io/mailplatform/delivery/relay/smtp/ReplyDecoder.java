package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.server.net.CrlfLineDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;

/**
 * Turns the lines of {@link CrlfLineDecoder} into {@link SmtpReply} messages. A line that is no
 * reply line, or longer than the line decoder allows, goes up the pipeline as a
 * {@link DecoderException} caused by a {@link ReplySyntaxException}. Reply text is decoded as UTF-8
 * (RFC 6531 servers may send it), anything undecodable replaced. One instance per channel.
 */
final class ReplyDecoder extends ChannelInboundHandlerAdapter {
    private final ReplyParser parser;
    private boolean failed;

    ReplyDecoder(int maxLines) {
        this.parser = new ReplyParser(maxLines);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof CrlfLineDecoder.LineTooLong tooLong) {
            fail(ctx, new ReplySyntaxException("reply line longer than " + tooLong.limit() + " octets"));
            return;
        }
        if (!(msg instanceof ByteBuf line)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String text;
        try {
            text = line.toString(StandardCharsets.UTF_8);
        } finally {
            line.release();
        }
        if (failed) {
            return; // the connection is being closed; nothing after the error is believed
        }
        try {
            SmtpReply reply = parser.line(text);
            if (reply != null) {
                ctx.fireChannelRead(reply);
            }
        } catch (ReplySyntaxException e) {
            fail(ctx, e);
        }
    }

    private void fail(ChannelHandlerContext ctx, ReplySyntaxException cause) {
        if (!failed) {
            failed = true;
            ctx.fireExceptionCaught(new DecoderException(cause));
        }
    }
}
