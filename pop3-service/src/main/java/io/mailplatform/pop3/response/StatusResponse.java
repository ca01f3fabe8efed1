package io.mailplatform.pop3.response;

/**
 * A single-line response: {@code +OK text} or {@code -ERR [CODE] text} (RFC 1939 §3, RFC 2449 §8).
 *
 * @param ok the status indicator
 * @param code an extended response code, only with {@code -ERR}; or null
 * @param text the human-readable rest of the line, possibly empty
 */
public record StatusResponse(boolean ok, ResponseCode code, String text) implements Pop3Response {

    public static StatusResponse ok(String text) {
        return new StatusResponse(true, null, text);
    }

    public static StatusResponse err(String text) {
        return new StatusResponse(false, null, text);
    }

    public static StatusResponse err(ResponseCode code, String text) {
        return new StatusResponse(false, code, text);
    }
}
