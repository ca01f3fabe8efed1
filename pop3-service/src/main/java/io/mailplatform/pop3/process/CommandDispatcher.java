package io.mailplatform.pop3.process;

import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.session.Pop3Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the processor of a command by its record type; built once per server. */
public final class CommandDispatcher {
    private final Map<Class<?>, Pop3Processor<?>> processors = new HashMap<>();

    public CommandDispatcher(List<Pop3Processor<?>> processors) {
        for (Pop3Processor<?> processor : processors) {
            if (this.processors.put(processor.commandType(), processor) != null) {
                throw new IllegalArgumentException("two processors for " + processor.commandType().getSimpleName());
            }
        }
    }

    public <C extends Pop3Command> void dispatch(C command, Pop3Context session) throws Pop3Exception {
        @SuppressWarnings("unchecked")
        Pop3Processor<C> processor = (Pop3Processor<C>) processors.get(command.getClass());
        if (processor == null) {
            throw new IllegalStateException("no processor for " + command.getClass().getSimpleName());
        }
        processor.process(command, session);
    }
}
