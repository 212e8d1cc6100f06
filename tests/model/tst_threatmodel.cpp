#include "core/threatmodel.h"

#include <QTest>

#include <algorithm>
#include <set>

using namespace bulkhead;

namespace {

std::vector<std::string> ids(const std::vector<const Boundary *> &boundaries)
{
    std::vector<std::string> out;
    for (const Boundary *b : boundaries)
        out.push_back(b->id);
    return out;
}

std::vector<std::string> ids(const std::vector<const Flow *> &flows)
{
    std::vector<std::string> out;
    for (const Flow *f : flows)
        out.push_back(f->id);
    return out;
}

/** cloud ⊃ cluster ⊃ {ns-a, ns-b}; host separate; elements in each. */
ThreatModel nestedModel()
{
    ThreatModel m;
    m.addBoundary({"cloud", "cloud-account", "Cloud", "", {}, {}});
    m.addBoundary({"cluster", "cluster", "Cluster", "cloud", {}, {}});
    m.addBoundary({"ns-a", "namespace", "A", "cluster", {}, {}});
    m.addBoundary({"ns-b", "namespace", "B", "cluster", {}, {}});
    m.addBoundary({"host", "host", "Host", "", {}, {}});
    m.addElement({"api", "container", "API", "ns-a", {}, {}});
    m.addElement({"worker", "container", "Worker", "ns-a", {}, {}});
    m.addElement({"db", "database", "DB", "ns-b", {}, {}});
    m.addElement({"user", "external-user", "User", "", {}, {}});
    m.addElement({"agent", "node-agent", "Kubelet", "host", {}, {}});
    return m;
}

} // namespace

class TestThreatModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lookupsById()
    {
        const ThreatModel m = nestedModel();
        QVERIFY(m.findElement("api"));
        QCOMPARE(m.findElement("api")->name, std::string("API"));
        QCOMPARE(m.findBoundary("cluster")->parent, std::string("cloud"));
        QVERIFY(!m.findElement("cluster")); // a boundary id is not an element
        QVERIFY(!m.findBoundary("api"));
        QVERIFY(m.containsId("ns-b"));
        QVERIFY(!m.containsId("nothing"));
    }

    void lookupsSurviveRemoval()
    {
        ThreatModel m = nestedModel();
        QVERIFY(m.removeElement("api"));
        QVERIFY(!m.removeElement("api"));
        QVERIFY(!m.findElement("api"));
        // Later elements moved down one slot; the index must follow.
        QCOMPARE(m.findElement("db")->name, std::string("DB"));
        QCOMPARE(m.findElement("agent")->name, std::string("Kubelet"));
        QCOMPARE(m.elements().size(), std::size_t(4));
    }

    void generatedIdsAreFresh()
    {
        ThreatModel m;
        m.addElement({"container-2", "container", "taken", "", {}, {}});
        Element &first = m.addElement({"", "container", "first", "", {}, {}});
        const std::string firstId = first.id;
        Element &second = m.addElement({"", "container", "second", "", {}, {}});
        QVERIFY(!firstId.empty());
        QVERIFY(firstId != "container-2");
        QVERIFY(second.id != firstId);
        QVERIFY(second.id != "container-2");
        QCOMPARE(firstId.rfind("container-", 0), std::size_t(0));
        const std::string flowId = m.addFlow({"", "", firstId, second.id, false, {}, {}}).id;
        QCOMPARE(flowId.rfind("flow-", 0), std::size_t(0));
        QVERIFY(!m.containsId(m.generateId("container")));
    }

    void boundaryChainIsInnermostFirst()
    {
        const ThreatModel m = nestedModel();
        QCOMPARE(ids(m.boundaryChain(*m.findElement("api"))),
                 (std::vector<std::string>{"ns-a", "cluster", "cloud"}));
        QVERIFY(m.boundaryChain(*m.findElement("user")).empty());
        QCOMPARE(ids(m.enclosingBoundaries(*m.findBoundary("ns-a"))),
                 (std::vector<std::string>{"cluster", "cloud"}));
    }

    void boundaryChainStopsOnCycle()
    {
        ThreatModel m;
        m.addBoundary({"a", "namespace", "", "b", {}, {}});
        m.addBoundary({"b", "cluster", "", "a", {}, {}});
        m.addElement({"e", "container", "", "a", {}, {}});
        QCOMPARE(ids(m.boundaryChain(*m.findElement("e"))), (std::vector<std::string>{"a", "b"}));
        QCOMPARE(ids(m.enclosingBoundaries(*m.findBoundary("a"))), (std::vector<std::string>{"b"}));
    }

    void boundaryChainStopsAtMissingParent()
    {
        ThreatModel m;
        m.addBoundary({"a", "namespace", "", "gone", {}, {}});
        m.addElement({"e", "container", "", "a", {}, {}});
        QCOMPARE(ids(m.boundaryChain(*m.findElement("e"))), (std::vector<std::string>{"a"}));
    }

    void boundariesCrossed_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("crossed");
        QTest::newRow("same namespace") << QStringLiteral("api") << QStringLiteral("worker") << QStringList{};
        QTest::newRow("sibling namespaces") << QStringLiteral("api") << QStringLiteral("db") << QStringList{QStringLiteral("ns-a"), QStringLiteral("ns-b")};
        QTest::newRow("outside to inside")
            << QStringLiteral("user") << QStringLiteral("api") << QStringList{QStringLiteral("ns-a"), QStringLiteral("cluster"), QStringLiteral("cloud")};
        QTest::newRow("inside to outside")
            << QStringLiteral("db") << QStringLiteral("user") << QStringList{QStringLiteral("ns-b"), QStringLiteral("cluster"), QStringLiteral("cloud")};
        QTest::newRow("separate trees")
            << QStringLiteral("agent") << QStringLiteral("db") << QStringList{QStringLiteral("host"), QStringLiteral("ns-b"), QStringLiteral("cluster"), QStringLiteral("cloud")};
    }

    void boundariesCrossed()
    {
        QFETCH(QString, source);
        QFETCH(QString, target);
        QFETCH(QStringList, crossed);
        ThreatModel m = nestedModel();
        const Flow &flow = m.addFlow({"f", "", source.toStdString(), target.toStdString(), false,
                                      {}, {}});
        QStringList actual;
        for (const std::string &id : ids(m.boundariesCrossed(flow)))
            actual << QString::fromStdString(id);
        QCOMPARE(actual, crossed);
    }

    void flowsIntoAndOutOf()
    {
        ThreatModel m = nestedModel();
        m.addFlow({"f1", "", "user", "api", false, {}, {}});
        m.addFlow({"f2", "", "api", "db", false, {}, {}});
        m.addFlow({"f3", "", "api", "worker", true, {}, {}});
        QCOMPARE(ids(m.flowsInto("api")), (std::vector<std::string>{"f1", "f3"}));
        QCOMPARE(ids(m.flowsOutOf("api")), (std::vector<std::string>{"f2", "f3"}));
        QCOMPARE(ids(m.flowsInto("worker")), (std::vector<std::string>{"f3"}));
        QCOMPARE(ids(m.flowsOutOf("worker")), (std::vector<std::string>{"f3"}));
        QVERIFY(m.flowsOutOf("db").empty());
        QCOMPARE(ids(m.flowsInto("db")), (std::vector<std::string>{"f2"}));
    }

    void registerEntriesReplaceByThreatId()
    {
        ThreatModel m;
        m.setRegisterEntry({"RUN-01@api", ThreatStatus::Accepted, "sandboxed", "ana", {}, ""});
        m.setRegisterEntry({"NET-03@f1", ThreatStatus::Open, "", "", Severity::High, ""});
        m.setRegisterEntry({"RUN-01@api", ThreatStatus::Mitigated, "fixed", "bo", {}, "n"});
        QCOMPARE(m.registerEntries().size(), std::size_t(2));
        QCOMPARE(m.findRegisterEntry("RUN-01@api")->status, ThreatStatus::Mitigated);
        QCOMPARE(m.findRegisterEntry("RUN-01@api")->owner, std::string("bo"));
        QVERIFY(m.removeRegisterEntry("NET-03@f1"));
        QVERIFY(!m.findRegisterEntry("NET-03@f1"));
        QVERIFY(!m.removeRegisterEntry("NET-03@f1"));
    }

    void manualThreatsShareTheIdSpace()
    {
        ThreatModel m = nestedModel();
        ManualThreat &t = m.addManualThreat({"", "Backup tapes leave the site", "", "I", "db", 2, 3});
        QCOMPARE(t.id.rfind("manual-", 0), std::size_t(0));
        QVERIFY(m.containsId(t.id));
        QVERIFY(m.findManualThreat(t.id));
    }

    void manualThreatsInsertInPlace()
    {
        ThreatModel m;
        for (const char *title : {"a", "b", "c"})
            m.addManualThreat({"", title, "", "I", "", 2, 2});
        auto ids = [&m] {
            std::vector<std::string> out;
            for (const ManualThreat &t : m.manualThreats())
                out.push_back(t.id);
            return out;
        };
        const std::vector<std::string> original = ids();
        QCOMPARE(std::set<std::string>(original.begin(), original.end()).size(), std::size_t(3));
        const ManualThreat middle = *m.findManualThreat(original[1]);
        QCOMPARE(m.manualThreatPosition(original[1]), 1);
        QVERIFY(m.removeManualThreat(original[1]));
        QCOMPARE(m.manualThreatPosition(original[1]), -1);
        QCOMPARE(m.manualThreatPosition(original[2]), 1);
        m.insertManualThreat(1, middle);
        QCOMPARE(ids(), original);
        // Lookups follow the shifted positions.
        for (std::size_t i = 0; i < original.size(); ++i) {
            QCOMPARE(m.manualThreatPosition(original[i]), int(i));
            QCOMPARE(m.findManualThreat(original[i])->id, original[i]);
        }
        // Past the end appends; an empty id gets a fresh one.
        const ManualThreat &appended = m.insertManualThreat(99, {"", "d", "", "S", "", 1, 1});
        QCOMPARE(m.manualThreatPosition(appended.id), 3);
        QVERIFY(!appended.id.empty());
        QCOMPARE(std::count(original.begin(), original.end(), appended.id), 0);
    }

    void statusAndSeverityKeysRoundTrip()
    {
        for (const ThreatStatus s : {ThreatStatus::Open, ThreatStatus::NeedsInvestigation,
                                     ThreatStatus::Mitigated, ThreatStatus::Accepted,
                                     ThreatStatus::Transferred, ThreatStatus::NotApplicable})
            QCOMPARE(threatStatusFromKey(threatStatusKey(s)), std::optional(s));
        QCOMPARE(threatStatusKey(ThreatStatus::NeedsInvestigation), std::string_view("needs-investigation"));
        for (const Severity s : {Severity::Low, Severity::Medium, Severity::High, Severity::Critical})
            QCOMPARE(severityFromKey(severityKey(s)), std::optional(s));
        QVERIFY(!threatStatusFromKey("Open"));
        QVERIFY(!severityFromKey("severe"));
    }
};

QTEST_GUILESS_MAIN(TestThreatModel)
#include "tst_threatmodel.moc"
