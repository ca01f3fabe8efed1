package io.mailplatform.webmail.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document that springdoc generates from the controllers ({@code /v3/api-docs}, with
 * its UI at {@code /swagger-ui.html}), readable without a login since it describes no one's data.
 * It names the two ways in: HTTP Basic for scripts and the administrator, the session cookie of
 * {@code POST /api/session} (with the CSRF header on unsafe requests) for browsers.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {
    /** What the security configuration lets through without credentials. */
    public static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"};
    static final String BASIC = "basic";
    static final String SESSION = "session";

    @Bean
    public OpenAPI webmailOpenApi() {
        SecurityScheme basic = new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A mail account's address and password, or the administrator's (for /api/admin/**)");
        SecurityScheme session = new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.COOKIE)
                .name("JSESSIONID").description("The session of POST /api/session; unsafe requests also carry the"
                        + " XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header");
        return new OpenAPI()
                .info(new Info().title("Mail platform webmail API").version("1")
                        .description("Mailboxes, messages, threads, sending and drafts of the logged-in account, and the"
                                + " administrator's API. Every error is an RFC 9457 problem (application/problem+json)."))
                .components(new Components().addSecuritySchemes(BASIC, basic).addSecuritySchemes(SESSION, session))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(SESSION));
    }
}
