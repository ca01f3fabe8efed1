package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.maildrop.MaildropMessage;
import io.mailplatform.pop3.response.MultiLineResponse;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;

/** LIST [msg] (RFC 1939 §5): the scan listing, {@code number octets}, of one or all messages not marked deleted. */
public final class ListProcessor implements Pop3Processor<Pop3Command.List> {

    @Override
    public Class<Pop3Command.List> commandType() {
        return Pop3Command.List.class;
    }

    @Override
    public void process(Pop3Command.List command, Pop3Context session) throws Pop3Exception {
        Maildrop maildrop = session.maildrop();
        if (command.message() != null) {
            session.reply(StatusResponse.ok(scanListing(maildrop.message(command.message()))));
            return;
        }
        session.reply(new MultiLineResponse(Replies.listing(maildrop.count(), maildrop.octets()),
                maildrop.listed().stream().map(ListProcessor::scanListing).toList()));
    }

    private static String scanListing(MaildropMessage message) {
        return message.number() + " " + message.octets();
    }
}
