package io.mailplatform.pop3.response;

/**
 * A response of the server, written by {@code codec.Pop3ResponseEncoder}. Message bodies (RETR,
 * TOP) are not responses of this kind: they are streamed by {@code codec.MessageBodyInput}.
 */
public sealed interface Pop3Response permits StatusResponse, MultiLineResponse, ContinuationResponse {
}
