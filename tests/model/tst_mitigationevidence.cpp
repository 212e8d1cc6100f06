#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "report/markdownreport.h"
#include "report/reportmodel.h"

#include <QTest>

#include <sstream>

using namespace bulkhead;

namespace {

const Threat *findThreat(const AnalysisResult &result, const std::string &id)
{
    for (const Threat &t : result.threats) {
        if (t.id() == id)
            return &t;
    }
    return nullptr;
}

bool implemented(const Threat &threat, const std::string &mitigationId)
{
    for (const MitigationState &m : threat.mitigations()) {
        if (m.mitigation && m.mitigation->id == mitigationId)
            return m.implemented;
    }
    return false;
}

/** A web container calling a database that keeps its default credentials (IAM-09). */
ThreatModel databaseModel(PropertyMap database)
{
    ThreatModel m;
    m.addBoundary({"h", "host", "Node", "", {}, {}});
    m.addElement({"web", "container", "Web", "h", {}, {}});
    m.addElement({"db", "database", "Orders", "h", std::move(database), {}});
    m.addFlow({"f", "rows", "web", "db", false, {}, {}});
    return m;
}

/** A node in a cluster, sharing its root filesystem with container storage (HOST-06). */
ThreatModel nodeModel(PropertyMap cluster)
{
    ThreatModel m;
    m.addBoundary({"c", "cluster", "Cluster", "", std::move(cluster), {}});
    m.addBoundary({"h", "host", "Node", "c", {{"separateContainerPartition", std::string("no")}}, {}});
    m.addElement({"web", "container", "Web", "h", {}, {}});
    return m;
}

} // namespace

class TestMitigationEvidence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aPrivateDatabaseLowersTheResidualOfDefaultCredentials()
    {
        // M-NET-PRIVATE-BACKENDS had no check, so IAM-09 could never show a lower residual.
        const PropertyMap database{{"defaultCredentials", std::string("yes")}, {"authRequired", std::string("yes")}};
        const ThreatModel model = databaseModel(database);
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const Threat *threat = findThreat(result, "IAM-09@db");
        QVERIFY(threat);
        QVERIFY(implemented(*threat, "M-NET-PRIVATE-BACKENDS"));
        QVERIFY(!implemented(*threat, "M-IAM-NO-DEFAULT-CREDENTIALS"));
        QVERIFY(threat->likelihood > 1);
        QCOMPARE(int(threat->residualLikelihood), threat->likelihood - 1);
    }

    void anExposedDatabaseKeepsTheResidualOfDefaultCredentials()
    {
        PropertyMap database{{"defaultCredentials", std::string("yes")}, {"authRequired", std::string("yes")}};
        database["exposedToInternet"] = true;
        const ThreatModel model = databaseModel(database);
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const Threat *threat = findThreat(result, "IAM-09@db");
        QVERIFY(threat);
        QVERIFY(!implemented(*threat, "M-NET-PRIVATE-BACKENDS"));
        QCOMPARE(threat->residualLikelihood, threat->likelihood);
    }

    void clusterQuotasLowerTheResidualOfSharedNodeStorage()
    {
        const ThreatModel withQuotas = nodeModel({{"resourceQuotas", true}});
        const AnalysisResult result = analyzeModel(withQuotas, builtInCatalog());
        const Threat *threat = findThreat(result, "HOST-06@h");
        QVERIFY(threat);
        QVERIFY(implemented(*threat, "M-ORC-RESOURCE-QUOTAS"));
        QVERIFY(threat->residualLikelihood < threat->likelihood);

        const ThreatModel withoutQuotas = nodeModel({{"resourceQuotas", false}});
        const AnalysisResult bare = analyzeModel(withoutQuotas, builtInCatalog());
        const Threat *same = findThreat(bare, "HOST-06@h");
        QVERIFY(same);
        QVERIFY(!implemented(*same, "M-ORC-RESOURCE-QUOTAS"));
        QCOMPARE(same->residualLikelihood, same->likelihood);
    }

    void processControlsNeverCountAndTheReportSaysSo()
    {
        // HOST-06 links M-RUN-RESOURCE-LIMITS as a process control (a host cannot show its
        // containers' limits); M-MON-ALERT-ON-CONTROL-CHANGES is one everywhere (ORC-02 on the
        // cluster recommends it).
        const ThreatModel model = nodeModel({{"resourceQuotas", false}});
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const Threat *storage = findThreat(result, "HOST-06@h");
        QVERIFY(storage);
        QVERIFY(!implemented(*storage, "M-RUN-RESOURCE-LIMITS"));
        QVERIFY(findThreat(result, "ORC-02@c"));

        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-01");
        std::ostringstream markdown;
        writeMarkdownReport(markdown, report);
        const QString text = QString::fromStdString(markdown.str());
        QVERIFY2(text.contains(QStringLiteral("✘ Set CPU, memory and PID limits (process control)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("| Alert on security-relevant cluster changes (M-MON-ALERT-ON-CONTROL-CHANGES) | Process control: confirm in review |")),
                 qPrintable(text));
        // A control the model can show is still "Missing" when it is not in place.
        QVERIFY(text.contains(QStringLiteral("(M-ORC-RESOURCE-QUOTAS) | Missing |")));
    }
};

QTEST_GUILESS_MAIN(TestMitigationEvidence)
#include "tst_mitigationevidence.moc"
