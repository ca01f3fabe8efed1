package io.mailplatform.delivery.spf;

/** Directive qualifiers (RFC 7208 §4.6.2); a directive without one means "+". */
enum Qualifier {
    PASS('+', SpfResult.PASS),
    FAIL('-', SpfResult.FAIL),
    SOFTFAIL('~', SpfResult.SOFTFAIL),
    NEUTRAL('?', SpfResult.NEUTRAL);

    final char symbol;
    final SpfResult result;

    Qualifier(char symbol, SpfResult result) {
        this.symbol = symbol;
        this.result = result;
    }

    static Qualifier of(char c) {
        for (Qualifier q : values()) {
            if (q.symbol == c) {
                return q;
            }
        }
        return null;
    }
}
