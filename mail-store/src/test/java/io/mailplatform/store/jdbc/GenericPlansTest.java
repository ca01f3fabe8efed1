package io.mailplatform.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.testsupport.RealInfrastructure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Store connections plan generically unless their options say otherwise. */
@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class GenericPlansTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void theStoresConnectionsUseGenericPlans() {
        assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_generic_plan");
    }

    @Test
    void optionsSetByTheOperatorAreKept() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("operator",
                Map.of(GenericPlans.OPTIONS, "-c search_path=mail")));
        new GenericPlans().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(GenericPlans.OPTIONS)).isEqualTo("-c search_path=mail");
    }

    @Test
    void withoutOptionsTheDefaultIsGenericPlans() {
        StandardEnvironment environment = new StandardEnvironment();
        new GenericPlans().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty(GenericPlans.OPTIONS)).isEqualTo(GenericPlans.GENERIC);
    }
}
