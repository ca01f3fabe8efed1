package io.mailplatform.testsupport;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh, empty PostgreSQL database for one test class or one application context. */
public record TestDatabase(String jdbcUrl, String username, String password) {

    public DataSource dataSource() {
        return new DriverManagerDataSource(jdbcUrl, username, password);
    }
}
