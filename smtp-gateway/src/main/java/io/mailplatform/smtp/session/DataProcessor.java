package io.mailplatform.smtp.session;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.smtp.codec.SmtpFrame;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.ehlo.EhloExtension;
import io.mailplatform.smtp.intake.InboundMessage;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.List;

/**
 * The message content: DATA (RFC 5321 §4.1.1.4) and BDAT (RFC 3030 CHUNKING, with BINARYMIME).
 * Content is appended to the transaction until the size limit or the gateway's memory budget is
 * reached, then only counted; the message is refused at its end ({@code 552 5.3.4}, RFC 1870 §6.3,
 * or {@code 452 4.3.1} when memory ran short) so the client hears the reply in sequence. An
 * accepted message goes to {@link SmtpSession#publish}, which holds its data until Kafka answered.
 */
final class DataProcessor implements CommandProcessor<SmtpCommand>, EhloExtension {
    private final SmtpProperties properties;

    DataProcessor(SmtpProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<String> keywords(EhloContext context) {
        return List.of("CHUNKING", "BINARYMIME"); // RFC 3030
    }

    @Override
    public void process(SmtpSession session, SmtpCommand command) {
        if (command instanceof SmtpCommand.Data) {
            if (session.transaction().parameters().body() == BodyType.BINARY_MIME) {
                throw new SmtpException(Replies.BINARYMIME_NEEDS_BDAT); // RFC 3030 §3
            }
            session.reply(Replies.START_MAIL_INPUT);
            session.startData();
            return;
        }
        SmtpCommand.Bdat bdat = (SmtpCommand.Bdat) command;
        session.state(SmtpState.BDAT);
        session.transaction().lastChunk(bdat.last());
        session.receivingChunk(true);
    }

    /** Message text or chunk octets; ignored when no DATA or accepted BDAT is in progress (a refused chunk is read and dropped). */
    void content(SmtpSession session, ByteBuf content) {
        if (session.state() == SmtpState.DATA || session.receivingChunk()) {
            session.transaction().append(content);
        }
    }

    /** The message will be refused at its end: keep nothing more of it. */
    void textLineTooLong(SmtpSession session) {
        if (session.state() == SmtpState.DATA) {
            session.transaction().discardContent();
        }
    }

    void endOfData(SmtpSession session, SmtpFrame.EndOfData end) {
        if (session.state() != SmtpState.DATA) {
            return;
        }
        MailTransaction transaction = session.transaction();
        if (end.lineTooLong()) {
            session.resetTransaction();
            throw new SmtpException(Replies.LINE_TOO_LONG);
        }
        refuseIfIncomplete(session, transaction);
        accept(session, transaction);
    }

    void endOfChunk(SmtpSession session) {
        if (!session.receivingChunk()) {
            return; // the BDAT command was refused: its chunk has been read and dropped
        }
        session.receivingChunk(false);
        MailTransaction transaction = session.transaction();
        // RFC 3030 §2: a failed chunk ends the transaction; the client must not send more chunks
        refuseIfIncomplete(session, transaction);
        if (transaction.lastChunk()) {
            accept(session, transaction);
        } else {
            session.reply(Replies.CHUNK_RECEIVED.withText(transaction.size() + " octets received"));
        }
    }

    /** Ends the transaction with 552 5.3.4 or 452 4.3.1 when its content was not kept whole. */
    private static void refuseIfIncomplete(SmtpSession session, MailTransaction transaction) {
        if (transaction.oversized()) {
            session.resetTransaction();
            throw new SmtpException(Replies.SIZE_EXCEEDED);
        }
        if (transaction.overBudget()) {
            session.resetTransaction();
            throw new SmtpException(Replies.INSUFFICIENT_STORAGE);
        }
    }

    private void accept(SmtpSession session, MailTransaction transaction) {
        Envelope envelope = new Envelope(EnvelopeId.next(), transaction.reversePath().envelopeForm(),
                transaction.recipients(), session.client().getHostAddress(), session.heloName(),
                session.authenticatedUser(), session.tlsInfo(), Instant.now(), transaction.parameters().body(),
                transaction.parameters().smtpUtf8(), transaction.parameters().dsnReturn(),
                transaction.parameters().dsnEnvelopeId());
        InboundMessage message = InboundMessage.assemble(envelope, properties.hostname(), session.extended(),
                transaction.takeData());
        session.resetTransaction();
        session.publish(message);
    }
}
