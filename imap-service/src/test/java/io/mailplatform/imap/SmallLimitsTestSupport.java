package io.mailplatform.imap;

import org.springframework.test.context.TestPropertySource;

/**
 * The IMAP service with a tiny search timeout and a short wait for a database connection, so that
 * tests reach every bound with a few commands. The classes extending this share one application
 * context of their own.
 */
@TestPropertySource(properties = {"mail.store.limits.search-timeout=50ms",
        "spring.datasource.hikari.connection-timeout=1000"})
abstract class SmallLimitsTestSupport extends ImapTestSupport {
}
