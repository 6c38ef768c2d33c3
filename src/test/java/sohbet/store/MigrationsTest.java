package sohbet.store;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Migration files are split where statements end, and nowhere else. */
class MigrationsTest {

    @Test
    void semicolonsInsideQuotesCommentsAndFunctionBodiesDoNotEndAStatement() {
        String sql = """
                -- a comment; with a semicolon
                CREATE TABLE a (note TEXT DEFAULT 'x; y', "odd;name" INTEGER);
                INSERT INTO a (note) VALUES ('it''s; fine'); /* block; comment */
                CREATE FUNCTION f() RETURNS trigger AS $$
                BEGIN
                  NEW.note := 'z;';
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;
                CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                SELECT 2""";
        List<String> st = Migrations.statements(sql);
        assertEquals(5, st.size(), st.toString());
        assertEquals("CREATE TABLE a (note TEXT DEFAULT 'x; y', \"odd;name\" INTEGER)", st.get(0));
        assertEquals("INSERT INTO a (note) VALUES ('it''s; fine')", st.get(1));
        assertEquals(true, st.get(2).endsWith("$$ LANGUAGE plpgsql"), st.get(2));
        assertEquals("CREATE FUNCTION g() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql", st.get(3));
        assertEquals("SELECT 2", st.get(4));
    }

    @Test
    void aSqliteTriggerKeepsItsBodyWhole() {
        String sql = """
                CREATE TRIGGER t AFTER INSERT ON a BEGIN
                  UPDATE a SET note = CASE WHEN note IS NULL THEN 'n' ELSE note END;
                  DELETE FROM a WHERE 0;
                END;
                CREATE INDEX i ON a (note);
                """;
        List<String> st = Migrations.statements(sql);
        assertEquals(2, st.size(), st.toString());
        assertEquals(true, st.get(0).endsWith("END"), st.get(0));
        assertEquals("CREATE INDEX i ON a (note)", st.get(1));
    }
}
