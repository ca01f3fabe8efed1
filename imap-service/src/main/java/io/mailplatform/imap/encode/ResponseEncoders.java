package io.mailplatform.imap.encode;

import io.mailplatform.imap.response.ImapResponse;
import java.util.HashMap;
import java.util.Map;

/** The encoder of every response type, looked up by the response's class. */
public final class ResponseEncoders {
    private final Map<Class<?>, ResponseEncoder<?>> encoders = new HashMap<>();

    public ResponseEncoders() {
        register(ImapResponse.Status.class, StatusEncoders::status);
        register(ImapResponse.Continuation.class, StatusEncoders::continuation);
        register(ImapResponse.Capability.class, StatusEncoders::capability);
        register(ImapResponse.Enabled.class, StatusEncoders::enabled);
        register(ImapResponse.IdData.class, StatusEncoders::id);
        register(ImapResponse.Namespace.class, StatusEncoders::namespace);
        register(ImapResponse.Exists.class, MailboxEncoders::exists);
        register(ImapResponse.Recent.class, MailboxEncoders::recent);
        register(ImapResponse.Expunge.class, MailboxEncoders::expunge);
        register(ImapResponse.Vanished.class, MailboxEncoders::vanished);
        register(ImapResponse.Flags.class, MailboxEncoders::flags);
        register(ImapResponse.MailboxList.class, MailboxEncoders::list);
        register(ImapResponse.StatusData.class, MailboxEncoders::statusData);
        register(ImapResponse.Search.class, MailboxEncoders::search);
        register(ImapResponse.Sort.class, MailboxEncoders::sort);
        register(ImapResponse.Thread.class, MailboxEncoders::thread);
        register(ImapResponse.Esearch.class, MailboxEncoders::esearch);
        register(ImapResponse.Fetch.class, FetchEncoder::fetch);
        register(ImapResponse.Quota.class, QuotaEncoders::quota);
        register(ImapResponse.QuotaRoot.class, QuotaEncoders::quotaRoot);
        register(ImapResponse.Metadata.class, MetadataEncoders::metadata);
        register(ImapResponse.Acl.class, AclEncoders::acl);
        register(ImapResponse.ListRights.class, AclEncoders::listRights);
        register(ImapResponse.MyRights.class, AclEncoders::myRights);
    }

    private <R extends ImapResponse> void register(Class<R> type, ResponseEncoder<R> encoder) {
        encoders.put(type, encoder);
    }

    @SuppressWarnings("unchecked")
    public <R extends ImapResponse> void encode(R response, ImapWriter writer) {
        ResponseEncoder<R> encoder = (ResponseEncoder<R>) encoders.get(response.getClass());
        if (encoder == null) {
            throw new IllegalStateException("no encoder for " + response.getClass().getSimpleName());
        }
        encoder.encode(response, writer);
        writer.endOfResponse();
    }
}
