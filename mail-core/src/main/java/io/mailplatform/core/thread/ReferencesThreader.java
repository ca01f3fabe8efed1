package io.mailplatform.core.thread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * THREAD=REFERENCES (RFC 5256 §3, after Jamie Zawinski's algorithm): messages are linked by their
 * Message-ID and References (or In-Reply-To), dummies stand for referenced messages that are not
 * there, and roots with the same base subject are gathered. The step numbers below are the RFC's.
 */
final class ReferencesThreader {
    private ReferencesThreader() {
    }

    /** A node while the tree is built: a message, or a dummy (no message). */
    private static final class Container {
        ThreadMessage message;
        int position;
        Container parent;
        final List<Container> children = new ArrayList<>();

        Container(ThreadMessage message, int position) {
            this.message = message;
            this.position = position;
        }

        boolean dummy() {
            return message == null;
        }

        /** Whether {@code other} is this container or one of its ancestors. */
        boolean isOrDescendsFrom(Container other) {
            for (Container c = this; c != null; c = c.parent) {
                if (c == other) {
                    return true;
                }
            }
            return false;
        }

        void adopt(Container child) {
            if (child.parent != null) {
                child.parent.children.remove(child);
            }
            child.parent = this;
            children.add(child);
        }

        /** The container whose date and subject stand for this one: itself, or a dummy's first child. */
        Container representative() {
            Container c = this;
            while (c.dummy() && !c.children.isEmpty()) {
                c = c.children.get(0);
            }
            return c;
        }
    }

    /** Sent date, then mailbox order; a dummy sorts as its first child (sorted first). */
    private static final Comparator<Container> BY_DATE = Comparator
            .comparing((Container c) -> date(c.representative())).thenComparingInt(c -> c.representative().position);

    private static Instant date(Container c) {
        return c.dummy() ? Instant.MAX : c.message.sentDate();
    }

    static List<ThreadNode> threads(List<ThreadMessage> messages) {
        List<Container> all = new ArrayList<>();
        link(messages, all);
        List<Container> roots = new ArrayList<>();
        for (Container c : all) { // step 2: the root set
            if (c.parent == null) {
                roots.add(c);
            }
        }
        roots = prune(roots, true); // step 3
        for (Container root : roots) {
            root.parent = null;
        }
        sortTree(roots); // step 4 (and the children of dummies that it needs)
        gatherBySubject(roots); // step 5
        sortTree(roots); // step 6
        List<ThreadNode> threads = new ArrayList<>(roots.size());
        for (Container root : roots) {
            threads.add(node(root));
        }
        return threads;
    }

    /** Step 1: a container per Message-ID, linked along each message's references. */
    private static void link(List<ThreadMessage> messages, List<Container> all) {
        Map<String, Container> byId = new HashMap<>();
        for (int position = 0; position < messages.size(); position++) {
            ThreadMessage message = messages.get(position);
            ThreadKeys keys = message.keys();
            Container current = keys.messageId() == null ? null : byId.get(keys.messageId());
            if (current != null && current.dummy()) {
                // the container made for this id by an earlier message's references
                current.message = message;
                current.position = position;
            } else {
                // no id, or a duplicate of an earlier message's id: a container of its own (step 1)
                boolean first = keys.messageId() != null && current == null;
                current = new Container(message, position);
                all.add(current);
                if (first) {
                    byId.put(keys.messageId(), current);
                }
            }
            Container previous = null;
            for (String reference : keys.references()) { // step 1.A
                Container next = byId.computeIfAbsent(reference, id -> {
                    Container dummy = new Container(null, Integer.MAX_VALUE);
                    all.add(dummy);
                    return dummy;
                });
                if (previous != null && next.parent == null && !previous.isOrDescendsFrom(next)) {
                    previous.adopt(next);
                }
                previous = next;
            }
            // step 1.B: the last reference is the parent, replacing a link made from a truncated References
            if (current.parent != null) {
                current.parent.children.remove(current);
                current.parent = null;
            }
            if (previous != null && !previous.isOrDescendsFrom(current)) {
                previous.adopt(current);
            }
        }
    }

    /** Step 3: dummies without children go; others give their children to their parent, except at the root. */
    private static List<Container> prune(List<Container> siblings, boolean root) {
        List<Container> kept = new ArrayList<>();
        for (Container c : siblings) {
            List<Container> children = prune(c.children, false);
            c.children.clear();
            for (Container child : children) {
                child.parent = c;
                c.children.add(child);
            }
            if (!c.dummy()) {
                kept.add(c);
            } else if (!c.children.isEmpty()) {
                if (root && c.children.size() > 1) {
                    kept.add(c);
                } else {
                    kept.addAll(c.children);
                }
            }
        }
        return kept;
    }

    /** Sorts every set of siblings by date, the deepest first, since a dummy sorts as its first child. */
    private static void sortTree(List<Container> siblings) {
        for (Container c : siblings) {
            sortTree(c.children);
        }
        siblings.sort(BY_DATE);
    }

    /** Step 5: roots with the same base subject are gathered under one of them, or under a new dummy. */
    private static void gatherBySubject(List<Container> roots) {
        Map<String, Container> table = new HashMap<>();
        for (Container c : roots) { // step 5.B
            String subject = c.representative().message.baseSubject();
            if (subject.isEmpty()) {
                continue;
            }
            Container old = table.get(subject);
            if (old == null || (c.dummy() && !old.dummy())
                    || (!old.dummy() && !c.dummy() && old.message.keys().replyOrForward()
                            && !c.message.keys().replyOrForward())) {
                table.put(subject, c);
            }
        }
        for (Container c : new ArrayList<>(roots)) { // step 5.C
            String subject = c.representative().message.baseSubject();
            Container other = subject.isEmpty() ? null : table.get(subject);
            if (other == null || other == c) {
                continue;
            }
            roots.remove(c);
            if (other.dummy() && c.dummy()) {
                for (Container child : new ArrayList<>(c.children)) {
                    other.adopt(child);
                }
            } else if (other.dummy()) {
                other.adopt(c);
            } else if (!other.message.keys().replyOrForward() && c.message.keys().replyOrForward()) {
                other.adopt(c);
            } else {
                // both replies, or neither: siblings under a new dummy rather than a guessed parent
                Container dummy = new Container(null, Integer.MAX_VALUE);
                roots.set(roots.indexOf(other), dummy);
                other.parent = null;
                dummy.adopt(other);
                dummy.adopt(c);
                table.put(subject, dummy);
            }
        }
    }

    private static ThreadNode node(Container c) {
        List<ThreadNode> children = new ArrayList<>(c.children.size());
        for (Container child : c.children) {
            children.add(node(child));
        }
        return new ThreadNode(c.dummy() ? ThreadNode.DUMMY : c.message.id(), children);
    }
}
