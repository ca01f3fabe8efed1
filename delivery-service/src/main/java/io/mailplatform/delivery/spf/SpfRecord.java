package io.mailplatform.delivery.spf;

import java.util.List;

/**
 * A parsed SPF record (RFC 7208 §4.6): its directives in order and the two known modifiers.
 *
 * @param directives mechanisms with their qualifiers, evaluated left to right
 * @param redirect the redirect= domain-spec, or null
 * @param explanation the exp= domain-spec, or null
 */
record SpfRecord(List<Directive> directives, MacroString redirect, MacroString explanation) {

    record Directive(Qualifier qualifier, Mechanism mechanism) {
    }

    boolean hasAll() {
        return directives.stream().anyMatch(d -> d.mechanism() instanceof Mechanism.All);
    }
}
