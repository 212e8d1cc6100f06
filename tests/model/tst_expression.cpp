#include "analysis/modelindex.h"
#include "analysis/ruleevaluator.h"
#include "catalog/catalog.h"
#include "catalog/expressioncompiler.h"
#include "core/threatmodel.h"

#include <QTest>

using namespace bulkhead;

namespace {

CompileContext containerContext()
{
    CompileContext context;
    context.catalog = &builtInCatalog();
    context.scope = RuleScope::Element;
    context.subjectKinds = {builtInCatalog().findKind("container")};
    return context;
}

CompileContext flowContext()
{
    CompileContext context;
    context.catalog = &builtInCatalog();
    context.scope = RuleScope::Flow;
    context.targetKinds = {builtInCatalog().findKind("registry")};
    return context;
}

/** A container "c" in host "h" (in cluster "k"), fed from the internet, writing to a database. */
ThreatModel sampleModel(PropertyMap containerProperties, PropertyMap hostProperties = {})
{
    ThreatModel m;
    m.addBoundary({"net", "internet", "Internet", "", {}, {}});
    m.addBoundary({"k", "cluster", "Cluster", "", {}, {}});
    m.addBoundary({"h", "host", "Node", "k", std::move(hostProperties), {}});
    m.addElement({"u", "external-user", "User", "net", {}, {}});
    m.addElement({"c", "container", "Web", "h", std::move(containerProperties), {}});
    m.addElement({"d", "database", "DB", "h", {}, {}});
    m.addFlow({"f1", "requests", "u", "c", false, {}, {}});
    m.addFlow({"f2", "queries", "c", "d", false, {}, {}});
    return m;
}

const char *truthName(Truth t)
{
    return t == Truth::True ? "true" : t == Truth::False ? "false" : "unknown";
}

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compileErrors_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("flowScope");
        QTest::addColumn<QString>("expected");
        auto row = [](const char *name, const char *expr, const char *expected, bool flow = false) {
            QTest::newRow(name) << QString::fromUtf8(expr) << flow << QString::fromUtf8(expected);
        };
        row("misspelled property", "privileged and hostPid", "1:16: unknown property \"hostPid\" for kind container");
        row("type error", "privileged == 3", "1:12: cannot compare bool with int");
        row("ordering on strings", "seccompProfile < \"x\"", "1:16: \"<\" compares integers only");
        row("unknown function", "crossing(\"internet\")", "1:1: unknown function \"crossing\"");
        row("unbalanced open", "(privileged and (hostPID)", "1:26: missing \")\" to close the \"(\" at column 1");
        row("unbalanced close", "privileged)", "1:11: unbalanced \")\"");
        row("enum typo", "seccompProfile == \"runtimedefault\"", "1:19: \"runtimedefault\" is not a value of seccompProfile");
        row("enum typo in list", "seccompProfile in [\"unconfined\", \"off\"]", "1:19: \"off\" is not a value of seccompProfile");
        row("not a condition", "image.ageDays", "1:1: the rule must be bool, not int");
        row("and on a string", "kind and privileged", "1:1: the left side of \"and\" must be bool, not string");
        row("wrong scope function", "crosses(\"internet\")", "1:1: crosses() cannot be used in a element rule");
        row("unknown kind argument", "inside(\"hots\")", "1:8: unknown kind \"hots\"");
        row("element kind where boundary needed", "inside(\"database\")", "1:8: inside() takes a boundary kind");
        row("wrong arity", "matches(image.ref)", "1:1: matches() takes 2 arguments");
        row("known of a literal", "known(true)", "1:7: known() takes a property");
        row("mountsUnder of an unknown list", "mountsUnder(hostPathMounts, \"sensitive-paths\")",
            "1:29: mountsUnder() takes the id of one of the catalog's path lists in quotes second");
        row("mountsUnder of a number", "mountsUnder(image.ageDays, \"sensitive-host-paths\")",
            "1:13: mountsUnder() takes a path or a list of paths first");
        row("unknown boundary property", "host.kernelPached", "1:1: unknown property \"kernelPached\" for kind host");
        row("single equals", "privileged = true", "1:12: use \"==\" to compare");
        row("unterminated string", "kind == \"container", "1:9: string is not closed");
        row("empty", "   ", "1:1: expression is empty");
        row("trailing tokens", "privileged hostPID", "1:12: unexpected \"hostPID\" after a complete expression");
        row("list mixing types", "image.ageDays in [1, \"2\"]", "1:22: a list cannot mix strings and integers");
        row("in with wrong list type", "image.ageDays in [\"a\"]", "1:15: cannot test whether a int is in a list of strings");
        row("flow: unknown flow property", "encryption == true", "1:1: unknown flow property \"encryption\"", true);
        row("flow: end property outside filter", "source.privileged", "1:1: unknown property \"privileged\" for any source", true);
        row("flow: target property of wrong kind", "target.privileged", "1:1: unknown property \"privileged\" for kind registry", true);
        // A catalog is input too: what a rule quotes back is escaped and cut like any other text.
        const std::string hostile = "\x1b]0;pwned\x07" + std::string(200, 'A');
        QTest::newRow("hostile enum value")
            << QString::fromStdString("seccompProfile == \"" + hostile + "\"") << false
            << QString::fromStdString("1:19: \"\\x1b]0;pwned\\x07" + std::string(64, 'A') + "…\" is not a value of seccompProfile");
        QTest::newRow("hostile unknown function")
            << QString::fromStdString(std::string(300, 'f') + "()") << false
            << QString::fromStdString("1:1: unknown function \"" + std::string(80, 'f') + "…\"");
    }

    void compileErrors()
    {
        QFETCH(QString, expression);
        QFETCH(bool, flowScope);
        QFETCH(QString, expected);
        const auto compiled = compileExpression(expression.toStdString(),
                                                flowScope ? flowContext() : containerContext());
        QVERIFY2(!compiled, "compiled although it should not");
        QVERIFY2(QString::fromStdString(compiled.error()).startsWith(expected),
                 compiled.error().c_str());
    }

    void deepNestingIsRefusedNotRecursed_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::newRow("10000 parentheses")
            << QString(10000, QLatin1Char('(')) + QStringLiteral("privileged") + QString(10000, QLatin1Char(')'));
        QString nots;
        for (int i = 0; i < 10000; ++i)
            nots += QStringLiteral("not ");
        QTest::newRow("10000 nots") << nots + QStringLiteral("privileged");
        QTest::newRow("10000 unbalanced") << QString(10000, QLatin1Char('('));
    }

    void deepNestingIsRefusedNotRecursed()
    {
        QFETCH(QString, expression);
        const auto compiled = compileExpression(expression.toStdString(), containerContext());
        QVERIFY(!compiled);
        QVERIFY2(compiled.error().find("nested more than 64 levels deep") != std::string::npos,
                 compiled.error().c_str());
    }

    void validExpressionsCompile_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<bool>("flowScope");
        QTest::newRow("bool property") << QStringLiteral("privileged") << false;
        QTest::newRow("dotted own property") << QStringLiteral("image.signed != true") << false;
        QTest::newRow("boundary property") << QStringLiteral("host.kernelPatched and cluster.rbacLeastPrivilege != true") << false;
        QTest::newRow("list membership") << QStringLiteral("\"SYS_ADMIN\" in capabilitiesAdded") << false;
        QTest::newRow("glob") << QStringLiteral("matches(hostPathMounts, \"*docker.sock*\")") << false;
        QTest::newRow("functions") << QStringLiteral("reachableFrom(\"internet\") and hasFlowTo(\"database\") and model.count(\"container\") > 1") << false;
        QTest::newRow("flow") << QStringLiteral("crosses(\"internet\") and target.kind == \"registry\" and authentication in [\"none\", \"password\"]") << true;
    }

    void validExpressionsCompile()
    {
        QFETCH(QString, expression);
        QFETCH(bool, flowScope);
        const auto compiled = compileExpression(expression.toStdString(),
                                                flowScope ? flowContext() : containerContext());
        QVERIFY2(compiled, compiled.error().c_str());
    }

    void threeValuedEvaluation_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");
        // Container "c": privileged true, readOnlyRootFilesystem false, image.signed unknown,
        // image.nonRootUser yes; host kernelPatched unknown.
        auto row = [](const char *expr, const char *expected) {
            QTest::newRow(expr) << QString::fromUtf8(expr) << QString::fromUtf8(expected);
        };
        row("privileged", "true");
        row("not privileged", "false");
        row("image.signed == true", "unknown");
        row("not image.signed", "unknown");
        row("image.signed and privileged", "unknown");
        row("image.signed and readOnlyRootFilesystem", "false");  // false dominates and
        row("image.signed or privileged", "true");                // true dominates or
        row("image.signed or readOnlyRootFilesystem", "unknown");
        row("image.nonRootUser", "true");
        row("host.kernelPatched != true", "unknown");
        row("image.source == \"internalBuilt\"", "unknown");        // enum value "unknown"
        row("seccompProfile == \"unconfined\"", "true");            // the kind's default
        row("\"NET_ADMIN\" in capabilitiesAdded", "true");
        row("\"SYS_ADMIN\" not in capabilitiesAdded", "true");
        row("count(capabilitiesAdded) >= 2", "true");
        row("matches(hostPathMounts, \"/var/run/docker.sock*\")", "true");
        row("matches(image.ref, \"docker.io/*\")", "false");
        // The catalog's list: entries, what lies below them, their parents; not the socket.
        row("mountsUnder(hostPathMounts, \"sensitive-host-paths\")", "false");
        row("mountsUnder(\"/lib/modules/6.1.0\", \"sensitive-host-paths\")", "true");
        row("mountsUnder(\"//usr/src/\", \"sensitive-host-paths\")", "true");
        row("mountsUnder(\"/var\", \"sensitive-host-paths\")", "true");
        row("mountsUnder(\"/etc/pihole\", \"sensitive-host-paths\")", "false");
        row("mountsUnder(\"./etc/ssh\", \"sensitive-host-paths\")", "false");
        row("reachableFrom(\"internet\")", "true");
        row("reachableFrom(\"external-user\")", "true");
        row("hasFlowTo(\"database\")", "true");
        row("hasFlowFrom(\"database\")", "false");
        row("inside(\"cluster\") and inside(\"host\")", "true");
        row("inside(\"namespace\")", "false");
        row("model.count(\"container\") == 1 and model.has(\"database\")", "true");
        row("not model.has(\"secrets-store\")", "true");
        // model.any() reads each element of the kind as the subject, not "c".
        row("model.any(\"container\", privileged and inside(\"host\"))", "true");
        row("model.any(\"database\", kind == \"cache\")", "false");
        row("model.any(\"database\", authRequired)", "unknown");
        row("model.any(\"database\", authRequired or kind == \"database\")", "true");
        row("model.any(\"cache\", authRequired)", "false"); // no cache in the model
        row("kind == \"container\" and name == \"Web\"", "true");
        row("image.ageDays > 100 and image.ageDays <= 400", "true");
        row("image.ageDays in [1, 2, 365]", "true");
        // known() is never unknown: it is how a rule says "only when this was recorded".
        row("known(image.signed)", "false");
        row("known(privileged)", "true");
        row("known(image.source)", "false");                      // enum value "unknown"
        row("known(image.signed) or privileged", "true");
        row("known(image.signed) or image.nonRootUser != true", "false");
    }

    void threeValuedEvaluation()
    {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        const ThreatModel model = sampleModel(
            {{"privileged", true},
             {"readOnlyRootFilesystem", false},
             {"image.signed", std::string("unknown")},
             {"image.nonRootUser", std::string("yes")},
             {"image.ref", std::string("registry.local/web:1")},
             {"image.ageDays", std::int64_t(365)},
             {"capabilitiesAdded", StringList{"NET_ADMIN", "CHOWN"}},
             {"hostPathMounts", StringList{"/data:/data", "/var/run/docker.sock:/var/run/docker.sock"}}});
        const auto compiled = compileExpression(expression.toStdString(), containerContext());
        QVERIFY2(compiled, compiled.error().c_str());
        const ModelIndex index(model, builtInCatalog());
        const RuleEvaluator evaluator(model, index);
        RuleSubject subject;
        subject.element = 1; // "c"
        std::vector<RuleInput> inputs;
        const Truth result = evaluator.evaluate(*compiled, subject, &inputs);
        QCOMPARE(QString::fromUtf8(truthName(result)), expected);
        // Recording the inputs never changes the answer.
        QCOMPARE(evaluator.evaluate(*compiled, subject), result);
    }

    void modelAnyCompilesTheConditionForItsKind()
    {
        CompileContext model;
        model.catalog = &builtInCatalog();
        model.scope = RuleScope::Model;
        QVERIFY(compileExpression("model.any(\"container\", privileged)", model));
        // A model rule reads no property outside model.any(), and the condition is the kind's.
        const auto bare = compileExpression("privileged", model);
        QVERIFY(!bare);
        QVERIFY2(bare.error().find("model.any()") != std::string::npos, bare.error().c_str());
        const auto wrongKind = compileExpression("model.any(\"database\", privileged)", model);
        QVERIFY(!wrongKind);
        QVERIFY2(wrongKind.error().find("unknown property \"privileged\" for kind database")
                     != std::string::npos,
                 wrongKind.error().c_str());
        const auto boundary = compileExpression("model.any(\"host\", kernelPatched)", model);
        QVERIFY(!boundary);
        QVERIFY2(boundary.error().find("takes an element kind") != std::string::npos,
                 boundary.error().c_str());
        QVERIFY(!compileExpression("model.any(\"container\", image.ageDays)", model));
        QVERIFY(!compileExpression("model.any(\"container\")", model));
        // After the condition, names are the rule's own again.
        QVERIFY(!compileExpression("model.any(\"container\", privileged) and privileged", model));
    }

    void modelAnyExplainsTheDecidingElement()
    {
        const ThreatModel model = sampleModel({{"privileged", true}});
        CompileContext context;
        context.catalog = &builtInCatalog();
        context.scope = RuleScope::Model;
        const auto compiled = compileExpression("model.any(\"container\", privileged)", context);
        QVERIFY(compiled);
        const ModelIndex index(model, builtInCatalog());
        std::vector<RuleInput> inputs;
        QCOMPARE(RuleEvaluator(model, index).evaluate(*compiled, RuleSubject{}, &inputs),
                 Truth::True);
        QCOMPARE(inputs.size(), std::size_t(2));
        QCOMPARE(inputs[0].value, std::string("true"));
        QCOMPARE(inputs[1].reference, std::string("privileged"));
        QCOMPARE(inputs[1].holderId, std::string("c"));
    }

    void memberCountCountsElementsInsideTheBoundary()
    {
        const ThreatModel model = sampleModel({});
        CompileContext context;
        context.catalog = &builtInCatalog();
        context.scope = RuleScope::Element;
        context.subjectKinds = {builtInCatalog().findKind("cluster")};
        const auto two = compileExpression("memberCount() == 2", context);
        QVERIFY2(two, two.error().c_str());
        const ModelIndex index(model, builtInCatalog());
        const RuleEvaluator evaluator(model, index);
        RuleSubject cluster;
        cluster.boundary = 1; // "k": the host inside it holds the container and the database
        QCOMPARE(evaluator.evaluate(*two, cluster), Truth::True);
        RuleSubject internet;
        internet.boundary = 0; // "net": the user only
        QCOMPARE(evaluator.evaluate(*two, internet), Truth::False);
        RuleSubject element;
        element.element = 1;
        const auto none = compileExpression("memberCount() == 0", containerContext());
        QVERIFY(none);
        QCOMPARE(evaluator.evaluate(*none, element), Truth::True);
        QVERIFY(!compileExpression("memberCount(\"container\") > 1", context));
    }

    void explanationsNameHolderAndDefaults()
    {
        const ThreatModel model = sampleModel({{"privileged", true}});
        const auto compiled = compileExpression("privileged and host.kernelPatched != true",
                                                containerContext());
        QVERIFY(compiled);
        const ModelIndex index(model, builtInCatalog());
        RuleSubject subject;
        subject.element = 1;
        std::vector<RuleInput> inputs;
        QCOMPARE(RuleEvaluator(model, index).evaluate(*compiled, subject, &inputs), Truth::Unknown);
        QCOMPARE(inputs.size(), std::size_t(2));
        QCOMPARE(inputs[0].reference, std::string("privileged"));
        QCOMPARE(inputs[0].holderId, std::string("c"));
        QVERIFY(!inputs[0].isDefault);
        QCOMPARE(inputs[1].reference, std::string("host.kernelPatched"));
        QCOMPARE(inputs[1].holderId, std::string("h"));
        QCOMPARE(inputs[1].value, std::string("unknown"));
        QVERIFY(inputs[1].isDefault && inputs[1].unknown);
    }

    void globMatching()
    {
        QVERIFY(globMatch("*", ""));
        QVERIFY(globMatch("a*c", "abbbc"));
        QVERIFY(globMatch("?b*", "abzzz"));
        QVERIFY(!globMatch("a*c", "abbbd"));
        QVERIFY(globMatch("*docker.sock*", "/var/run/docker.sock:/x"));
        QVERIFY(!globMatch("/proc", "/proc/sys"));
        // Pathological pattern stays fast (no exponential backtracking).
        QVERIFY(!globMatch("*a*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
    }
};

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
