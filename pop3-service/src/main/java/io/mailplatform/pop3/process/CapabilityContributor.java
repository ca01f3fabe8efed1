package io.mailplatform.pop3.process;

import io.mailplatform.pop3.session.Pop3Context;
import java.util.List;

/** Code that implements a capability announces it: CAPA (RFC 2449 §5) lists what the contributors say now. */
public interface CapabilityContributor {

    /** The capability lines for this session in its current state and security. */
    List<String> capabilities(Pop3Context session);
}
