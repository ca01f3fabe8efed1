package io.mailplatform.delivery.spf;

/**
 * The outcome of check_host().
 *
 * @param result the RFC 7208 result
 * @param explanation for fail: the explanation (from exp= or the default), else null
 * @param problem why the result is temperror or permerror, or which mechanism decided, for the
 *        Received-SPF comment; never null
 */
public record SpfVerdict(SpfResult result, String explanation, String problem) {
}
