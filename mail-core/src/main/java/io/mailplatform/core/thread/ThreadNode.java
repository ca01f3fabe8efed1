package io.mailplatform.core.thread;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A node of a thread tree: a message, or a dummy (no message) that holds siblings together, as
 * RFC 5256 §4 writes them ({@code (1 (2)(3))}, {@code ((1)(2))}).
 *
 * @param id the message's id, or {@link #DUMMY}
 * @param children the replies, in order
 */
public record ThreadNode(long id, List<ThreadNode> children) {
    public static final long DUMMY = -1;

    public ThreadNode {
        children = List.copyOf(children);
    }

    public boolean dummy() {
        return id == DUMMY;
    }

    /** The same tree with every message id mapped (e.g. UID to message sequence number). */
    public ThreadNode map(LongUnaryOperator ids) {
        List<ThreadNode> mapped = new ArrayList<>(children.size());
        for (ThreadNode child : children) {
            mapped.add(child.map(ids));
        }
        return new ThreadNode(dummy() ? DUMMY : ids.applyAsLong(id), mapped);
    }

    /**
     * The threads in RFC 5256 §4 syntax, without the leading {@code "THREAD"}: each thread in
     * parentheses, a single reply continuing its parent's list, several replies each in parentheses.
     */
    public static String format(List<ThreadNode> threads) {
        StringBuilder out = new StringBuilder();
        for (ThreadNode thread : threads) {
            out.append('(');
            thread.members(out);
            out.append(')');
        }
        return out.toString();
    }

    private void members(StringBuilder out) {
        if (!dummy()) {
            out.append(id);
        }
        if (children.size() == 1) {
            if (!dummy()) {
                out.append(' ');
            }
            children.get(0).members(out);
            return;
        }
        if (!dummy() && !children.isEmpty()) {
            out.append(' ');
        }
        for (ThreadNode child : children) {
            out.append('(');
            child.members(out);
            out.append(')');
        }
    }
}
