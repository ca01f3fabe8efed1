package io.mailplatform.core.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * THREAD=ORDEREDSUBJECT (RFC 5256 §3): messages sorted by base subject, then sent date; each run of
 * one base subject is a thread whose first message is the parent of all the others (one level
 * deep), and threads are ordered by the sent date of their first message. Ties go by mailbox order.
 */
final class OrderedSubjectThreader {
    private OrderedSubjectThreader() {
    }

    static List<ThreadNode> threads(List<ThreadMessage> messages) {
        List<Integer> order = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            order.add(i);
        }
        Comparator<Integer> byDate = Comparator.comparing((Integer i) -> messages.get(i).sentDate())
                .thenComparing(Comparator.naturalOrder());
        order.sort(Comparator.comparing((Integer i) -> messages.get(i).baseSubject()).thenComparing(byDate));
        List<Integer> roots = new ArrayList<>();
        List<List<ThreadNode>> children = new ArrayList<>();
        String subject = null;
        for (int i : order) {
            ThreadMessage message = messages.get(i);
            if (!message.baseSubject().equals(subject)) {
                subject = message.baseSubject();
                roots.add(i);
                children.add(new ArrayList<>());
            } else {
                children.get(children.size() - 1).add(new ThreadNode(message.id(), List.of()));
            }
        }
        List<Integer> threadOrder = new ArrayList<>();
        for (int t = 0; t < roots.size(); t++) {
            threadOrder.add(t);
        }
        threadOrder.sort(Comparator.comparing((Integer t) -> roots.get(t), byDate));
        List<ThreadNode> threads = new ArrayList<>(roots.size());
        for (int t : threadOrder) {
            threads.add(new ThreadNode(messages.get(roots.get(t)).id(), children.get(t)));
        }
        return threads;
    }
}
