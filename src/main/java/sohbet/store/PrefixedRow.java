package sohbet.store;

import java.util.function.Consumer;
import java.util.function.Function;

import io.helidon.common.GenericType;
import io.helidon.dbclient.DbColumn;
import io.helidon.dbclient.DbRow;

/** A view of a joined row whose columns carry a prefix, so one table's mapper reads it unchanged. */
final class PrefixedRow implements DbRow {
    private final DbRow row;
    private final String prefix;

    PrefixedRow(DbRow row, String prefix) {
        this.row = row;
        this.prefix = prefix;
    }

    @Override
    public DbColumn column(String name) {
        return row.column(prefix + name);
    }

    @Override
    public DbColumn column(int index) {
        return row.column(index);
    }

    @Override
    public void forEach(Consumer<? super DbColumn> columnAction) {
        row.forEach(columnAction);
    }

    @Override
    public <T> T as(Class<T> type) {
        return row.as(type);
    }

    @Override
    public <T> T as(GenericType<T> type) {
        return row.as(type);
    }

    @Override
    public <T> T as(Function<DbRow, T> mapper) {
        return mapper.apply(this);
    }
}
