package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.MultiLineResponse;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.session.Pop3Context;
import java.util.ArrayList;
import java.util.List;

/** CAPA (RFC 2449 §5): the union of what the capability contributors announce now. */
public final class CapaProcessor implements Pop3Processor<Pop3Command.Capa> {
    private final List<CapabilityContributor> contributors;

    CapaProcessor(List<CapabilityContributor> contributors) {
        this.contributors = List.copyOf(contributors);
    }

    @Override
    public Class<Pop3Command.Capa> commandType() {
        return Pop3Command.Capa.class;
    }

    @Override
    public void process(Pop3Command.Capa command, Pop3Context session) {
        List<String> lines = new ArrayList<>();
        for (CapabilityContributor contributor : contributors) {
            lines.addAll(contributor.capabilities(session));
        }
        session.reply(new MultiLineResponse(Replies.CAPABILITIES, lines));
    }
}
