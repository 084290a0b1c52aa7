package io.policygen.store;

import javax.sql.DataSource;

/** The run's database: the pool it borrows from, whether it is reachable, and what was asked of it. */
public record DatabaseAccess(DataSource dataSource, DatabaseOutage outage, DatabaseUse use) {
}
