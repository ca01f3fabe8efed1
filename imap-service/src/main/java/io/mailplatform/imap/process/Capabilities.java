package io.mailplatform.imap.process;

import io.mailplatform.imap.session.SessionContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The CAPABILITY list: IMAP4rev1 and IMAP4rev2 (a client picks rev2 with ENABLE, RFC 9051
 * Appendix A), then the contributions of every processor in a stable order.
 */
@Component
public class Capabilities {
    private final ObjectProvider<CommandProcessor> processors;

    public Capabilities(ObjectProvider<CommandProcessor> processors) {
        this.processors = processors;
    }

    public List<String> of(SessionContext session) {
        List<String> contributed = new ArrayList<>();
        processors.orderedStream().forEach(processor -> processor.capabilities(session, contributed));
        LinkedHashSet<String> all = new LinkedHashSet<>(List.of("IMAP4rev1", "IMAP4rev2"));
        contributed.sort(Capabilities::compare);
        all.addAll(contributed);
        return List.copyOf(all);
    }

    /** Security and authentication first (what a client looks for before logging in), then by name. */
    private static int compare(String a, String b) {
        int byRank = Integer.compare(rank(a), rank(b));
        return byRank != 0 ? byRank : a.compareTo(b);
    }

    private static int rank(String capability) {
        if (capability.equals("STARTTLS")) {
            return 0;
        }
        if (capability.equals("LOGINDISABLED")) {
            return 1;
        }
        if (capability.startsWith("AUTH=")) {
            return 2;
        }
        if (capability.equals("SASL-IR")) {
            return 3;
        }
        return 4;
    }
}
