package io.mailplatform.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.springframework.jdbc.core.RowCallbackHandler;

/** Collects the first column of every row as a long, without boxing (UID lists of large mailboxes). */
public final class LongRows implements RowCallbackHandler {
    private long[] values = new long[256];
    private int size;

    @Override
    public void processRow(ResultSet rs) throws SQLException {
        add(rs.getLong(1));
    }

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    public long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
