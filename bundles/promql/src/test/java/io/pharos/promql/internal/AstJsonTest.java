package io.pharos.promql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pharos.promql.PromQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/parse_query}'s tree, with the field names and values of Prometheus' translateAST. */
class AstJsonTest {
    private final QueryEngineComponent engine = new QueryEngineComponent(new FakeStorage(), EngineSettings.DEFAULTS,
            io.pharos.promql.promqltest.ScriptRunner.functions());

    @Test
    void selectorsAggregationsCallsAndBinaryOperations() {
        Map<String, Object> tree = engine.parseQuery(
                "sum by (job) (rate(foo{a=\"b\"}[5m] offset 1m)) > bool -1.5");
        assertEquals("{bool=true, lhs={expr={args=[{matchers=[{name=a, type==, value=b}, {name=__name__, type==, value=foo}],"
                + " name=foo, offset=60000, range=300000, startOrEnd=null, timestamp=null, type=matrixSelector}],"
                + " func={argTypes=[matrix], name=rate, returnType=vector, variadic=0}, type=call}, grouping=[job],"
                + " op=sum, param=null, type=aggregation, without=false}, matching=null, op=>,"
                + " rhs={type=numberLiteral, val=-1.5}, type=binaryExpr}", tree.toString());
    }

    @Test
    void vectorMatchingSubqueriesAndModifiers() {
        Map<String, Object> tree = engine.parseQuery("a / on(x) group_left(y) max_over_time(b[1h:5m] @ start())");
        assertEquals("{card=many-to-one, include=[y], labels=[x], on=true}", String.valueOf(tree.get("matching")));
        @SuppressWarnings("unchecked")
        Map<String, Object> sub = (Map<String, Object>) ((java.util.List<Object>) ((Map<String, Object>) tree.get("rhs"))
                .get("args")).get(0);
        assertEquals("subquery", sub.get("type"));
        assertEquals(3_600_000L, sub.get("range"));
        assertEquals(300_000L, sub.get("step"));
        assertEquals("start", sub.get("startOrEnd"));
        assertEquals("{matchers=[{name=__name__, type==, value=a}], name=a, offset=0, startOrEnd=null,"
                + " timestamp=null, type=vectorSelector}", String.valueOf(tree.get("lhs")));
        Map<String, Object> set = engine.parseQuery("a and b @ 100");
        assertEquals("{card=many-to-many, include=[], labels=[], on=false}", String.valueOf(set.get("matching")));
        assertEquals(100_000L, ((Map<?, ?>) set.get("rhs")).get("timestamp"));
        assertEquals("{expr={type=stringLiteral, val=s}, op=-, type=unaryExpr}".replace("{expr={type=stringLiteral, val=s}",
                "{expr={matchers=[{name=__name__, type==, value=a}], name=a, offset=0, startOrEnd=null, timestamp=null,"
                        + " type=vectorSelector}"), String.valueOf(engine.parseQuery("-a")));
        assertEquals("{expr={type=numberLiteral, val=1e+100}, type=parenExpr}".replace("1e+100",
                "1" + "0".repeat(100)), String.valueOf(engine.parseQuery("(1e100)")));
    }

    @Test
    void aQueryThatDoesNotParseIsBadData() {
        PromQLException e = assertThrows(PromQLException.class, () -> engine.parseQuery("sum("));
        assertEquals(PromQLException.ErrorType.BAD_DATA, e.errorType());
    }
}
