package dev.steward.jdbc;

import java.util.EnumMap;
import java.util.Map;

/** One {@link TestDatabase} per dialect for a test class, emptied before each test that asks. */
final class Databases implements AutoCloseable {
    private final Map<JdbcDialect, TestDatabase> open = new EnumMap<>(JdbcDialect.class);

    /**
     * @param dialect which database
     * @return its database, empty
     */
    synchronized TestDatabase fresh(JdbcDialect dialect) {
        TestDatabase db = open.get(dialect);
        if (db == null) {
            db = TestDatabase.open(dialect);
            open.put(dialect, db);
        } else {
            db.reset();
        }
        return db;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(TestDatabase::close);
        open.clear();
    }
}
