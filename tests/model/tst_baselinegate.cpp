// The baseline gate of analyze --fail-on-new, and reading a baseline: an older model or an
// earlier analyze --format json, told apart by content.
#include "analysis/analysis.h"
#include "analysis/baselinegate.h"
#include "analysis/threatbaseline.h"
#include "catalog/catalog.h"
#include "io/modelreader.h"
#include "report/analysisexport.h"
#include "testfiles.h"

#include <QtTest>

using namespace bulkhead;

namespace {

ThreatSnapshot threat(Severity residual, ThreatStatus status = ThreatStatus::Open)
{
    ThreatSnapshot snapshot;
    snapshot.id = "RULE-1@web";
    snapshot.rule = "RULE-1";
    snapshot.subjectId = "web";
    snapshot.severity = residual;
    snapshot.residualSeverity = residual;
    snapshot.status = status;
    return snapshot;
}

ThreatChange change(std::optional<ThreatSnapshot> before, std::optional<ThreatSnapshot> after)
{
    std::vector<ThreatSnapshot> old;
    std::vector<ThreatSnapshot> now;
    if (before)
        old.push_back(*before);
    if (after)
        now.push_back(*after);
    return compareThreats(old, now).front();
}

std::string exampleText()
{
    return test::readAll(test::sourcePath(QStringLiteral("examples/compose-web-app.bulkhead.json")))
        .toStdString();
}

} // namespace

class TestBaselineGate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gateVerdicts_data()
    {
        QTest::addColumn<bool>("hasBefore");
        QTest::addColumn<int>("beforeSeverity");
        QTest::addColumn<int>("beforeStatus");
        QTest::addColumn<bool>("hasAfter");
        QTest::addColumn<int>("afterSeverity");
        QTest::addColumn<int>("afterStatus");
        QTest::addColumn<bool>("fails"); // with the threshold high

        const int open = int(ThreatStatus::Open);
        const int accepted = int(ThreatStatus::Accepted);
        const int investigate = int(ThreatStatus::NeedsInvestigation);
        const int low = int(Severity::Low);
        const int medium = int(Severity::Medium);
        const int high = int(Severity::High);
        const int critical = int(Severity::Critical);
        QTest::newRow("new critical") << false << 0 << 0 << true << critical << open << true;
        QTest::newRow("new high: at the threshold") << false << 0 << 0 << true << high << open << true;
        QTest::newRow("new medium: below") << false << 0 << 0 << true << medium << open << false;
        QTest::newRow("new critical, accepted") << false << 0 << 0 << true << critical << accepted << false;
        QTest::newRow("new critical, needs investigation")
            << false << 0 << 0 << true << critical << investigate << true;
        QTest::newRow("unchanged critical") << true << critical << open << true << critical << open << false;
        QTest::newRow("rose from medium to high") << true << medium << open << true << high << open << true;
        QTest::newRow("rose from high to critical") << true << high << open << true << critical << open << true;
        QTest::newRow("fell from critical to high") << true << critical << open << true << high << open << false;
        QTest::newRow("fell from critical to low") << true << critical << open << true << low << open << false;
        QTest::newRow("accepted, then reopened") << true << critical << accepted << true << critical << open << true;
        QTest::newRow("open, then accepted") << true << critical << open << true << critical << accepted << false;
        QTest::newRow("absent critical") << true << critical << open << false << 0 << 0 << false;
    }

    void gateVerdicts()
    {
        QFETCH(bool, hasBefore);
        QFETCH(int, beforeSeverity);
        QFETCH(int, beforeStatus);
        QFETCH(bool, hasAfter);
        QFETCH(int, afterSeverity);
        QFETCH(int, afterStatus);
        QFETCH(bool, fails);
        std::optional<ThreatSnapshot> before;
        std::optional<ThreatSnapshot> after;
        if (hasBefore)
            before = threat(Severity(beforeSeverity), ThreatStatus(beforeStatus));
        if (hasAfter)
            after = threat(Severity(afterSeverity), ThreatStatus(afterStatus));
        const ThreatChange compared = change(before, after);
        QCOMPARE(failsBaselineGate(compared, Severity::High), fails);
        QCOMPARE(baselineGateFailures({compared}, Severity::High).size(), std::size_t(fails ? 1 : 0));
    }

    void failuresSayWhatTheyWere()
    {
        const std::string text = describeBaselineGateFailures(
            {change(std::nullopt, threat(Severity::Critical)),
             change(threat(Severity::Medium), threat(Severity::High))});
        QCOMPARE(QString::fromStdString(text),
                 QStringLiteral("  critical (new)  RULE-1@web  \n  high (was medium, open)  RULE-1@web  \n"));
    }

    void modelAndAnalysisBaselinesReadTheSame()
    {
        const Catalog &catalog = builtInCatalog();
        const auto model = threatBaselineFromText(exampleText(), "base.bulkhead.json", catalog);
        QVERIFY2(model.ok(), model.error().c_str());
        QVERIFY(model->size() > 20);

        const auto loaded = readModelText(exampleText(), "example");
        QVERIFY(loaded.ok());
        const AnalysisResult result = analyzeModel(loaded->model, catalog);
        const std::string json = analysisToJson(result, loaded->model, catalog);
        const auto analysis = threatBaselineFromText(json, "base.json", catalog);
        QVERIFY2(analysis.ok(), analysis.error().c_str());
        QCOMPARE(analysis->size(), model->size());
        QVERIFY(*analysis == *model); // every field a comparison reads survives the JSON
        for (const ThreatChange &c : compareThreats(*model, snapshotThreats(result)))
            QCOMPARE(c.kind, ThreatChangeKind::Unchanged);
    }

    void badBaselinesAreOneErrorNamingThePlace_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not JSON") << QByteArray("{\"summary\": {},\n \"threats\": [ {\"id\": 5")
                                  << QStringLiteral("base.json:2:");
        QTest::newRow("neither") << QByteArray("{\"runs\": []}")
                                 << QStringLiteral("base.json:1:1: neither a Bulkhead model");
        QTest::newRow("an array") << QByteArray("[]") << QStringLiteral("base.json:1:1: neither");
        QTest::newRow("other format")
            << QByteArray("{\"format\": \"sarif\"}")
            << QStringLiteral("base.json:1:12: format: a baseline is a Bulkhead model");
        QTest::newRow("threat id not a string")
            << QByteArray("{\"summary\": {}, \"threats\": [\n  {\"id\": 5}]}")
            << QStringLiteral("base.json:2:10: threats[0].id:");
        QTest::newRow("unknown severity")
            << QByteArray("{\"summary\": {}, \"threats\": [{\"id\": \"A@b\", \"severity\": \"bad\", "
                          "\"residualSeverity\": \"low\", \"status\": \"open\"}]}")
            << QStringLiteral("threats[0].severity: unknown severity \"bad\"");
        QTest::newRow("status missing")
            << QByteArray("{\"summary\": {}, \"threats\": [{\"id\": \"A@b\", \"severity\": \"low\", "
                          "\"residualSeverity\": \"low\"}]}")
            << QStringLiteral("threats[0]: ");
        QTest::newRow("invalid model")
            << QByteArray("{\"format\": \"bulkhead-threat-model\", \"formatVersion\": 3, \"model\": {},"
                          " \"flows\": [{\"id\": \"f\", \"source\": \"nowhere\", \"target\": \"none\"}]}")
            << QStringLiteral("base.json: the baseline model has errors and cannot be analysed:");
    }

    void badBaselinesAreOneErrorNamingThePlace()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto read = threatBaselineFromText(text.toStdString(), "base.json", builtInCatalog());
        QVERIFY(!read.ok());
        const QString error = QString::fromStdString(read.error());
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    }

    void missingFileIsAnError()
    {
        const auto read = readThreatBaseline("/nonexistent/base.json", builtInCatalog());
        QVERIFY(!read.ok());
        QVERIFY2(read.error().find("/nonexistent/base.json") != std::string::npos, read.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestBaselineGate)
#include "tst_baselinegate.moc"
