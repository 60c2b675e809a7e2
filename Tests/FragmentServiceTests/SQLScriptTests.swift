import Testing

@testable import FragmentService

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideStringsCommentsAndDollarQuotes() {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'semi;colon');
            /* block; comment */ CREATE TABLE "b;c" (y int);
            CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
            INSERT INTO a VALUES ('it''s; fine')
            """
        let statements = SQLScript.statements(sql)
        #expect(statements.count == 4)
        #expect(statements[0] == "CREATE TABLE a (x text DEFAULT 'semi;colon')")
        #expect(statements[1] == #"CREATE TABLE "b;c" (y int)"#)
        #expect(statements[2].hasSuffix("$body$ SELECT 1; $body$ LANGUAGE sql"))
        #expect(statements[3] == "INSERT INTO a VALUES ('it''s; fine')")
    }

    @Test func emptyScriptHasNoStatements() {
        #expect(SQLScript.statements("  -- nothing\n ; ;").isEmpty)
    }
}
