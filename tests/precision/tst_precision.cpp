#include "catalog/catalog.h"
#include "precisioncorpus.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace bulkhead;
using namespace bulkhead::precision;

/**
 * The labelled precision corpus (tests/precision/<deployment>/expert.json, method in
 * docs/precision.md): every finding on every deployment has a reviewer's label, no finding the
 * reviewer kept disappears unnoticed, and the corpus's measures stay at or above the floors in
 * tests/precision/floors.json. A rule change that makes new findings must label them; one that
 * loses a kept finding must say why in the labels.
 */
class TestPrecision : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    /** The measures themselves, on a deployment and findings made up here. */
    void measuresFollowTheReviewMethod()
    {
        Deployment deployment;
        deployment.name = QStringLiteral("made-up");
        deployment.labels = {
            {"RUN-01@web", {FindingClass::Valid, Severity::High, {}}},
            {"NET-03@db", {FindingClass::UnknownOk, Severity::Low, {}}},
            {"SUP-08@web", {FindingClass::False, Severity::Low, {}}},
            {"IMG-02@web", {FindingClass::Duplicate, Severity::Medium, {}}},
            {"RUN-02@db", {FindingClass::Valid, Severity::Medium, {}}},
        };
        deployment.expertItems = {
            {QStringLiteral("E1"), QStringLiteral("web"), Severity::High, QStringLiteral("root"),
             {QStringLiteral("RUN-01")}},
            {QStringLiteral("E2"), QStringLiteral("db"), Severity::Medium, QStringLiteral("a"),
             {QStringLiteral("NET-03@web"), QStringLiteral("NET-03@db")}},
            {QStringLiteral("E3"), QStringLiteral("db"), Severity::Low, QStringLiteral("b"),
             {QStringLiteral("RUN-01")}},
        };
        const std::vector<Finding> findings = {
            {"RUN-01@web", "RUN-01", Severity::Critical}, // one level above the reviewer's
            {"NET-03@db", "NET-03", Severity::High}, // two levels above
            {"SUP-08@web", "SUP-08", Severity::Medium},
            {"IMG-02@web", "IMG-02", Severity::Medium},
            {"MON-01@web", "MON-01", Severity::Low}, // no label
        };
        const Measures m = measure(deployment, findings);
        QCOMPARE(m.findings, 5);
        QCOMPARE(m.classified(), 4);
        QCOMPARE(m.precision(), 0.5); // VALID and UNKNOWN-OK of the four labelled
        QCOMPARE(m.validShare(), 0.25);
        QCOMPARE(m.duplicateShare(), 0.25);
        QCOMPARE(m.calibration(), 0.75);
        QCOMPARE(m.severityShare(Severity::Medium), 0.4);
        QCOMPARE(m.unclassified, std::vector<std::string>{"made-up: MON-01@web"});
        QCOMPARE(m.validLost, std::vector<std::string>{"made-up: RUN-02@db"});
        QCOMPARE(m.expertItemsNamed, 2); // E1 by RUN-01@web, E2 by NET-03@db; E3 missed
        QCOMPARE(m.recall(), 2.0 / 3.0);
        QCOMPARE(m.missedItems.size(), std::size_t(1));
        QVERIFY(m.missedItems.front().startsWith(QStringLiteral("made-up E3")));

        Measures total = m;
        total += m;
        QCOMPARE(total.findings, 10);
        QCOMPARE(total.precision(), 0.5);
        QCOMPARE(total.unclassified.size(), std::size_t(2));
    }

    void labelsNameRulesTheCatalogHas()
    {
        Deployment deployment;
        deployment.labels = {{"NO-SUCH-RULE@web", {FindingClass::Valid, Severity::Low, {}}}};
        deployment.expertItems = {{QStringLiteral("E1"), QStringLiteral("web"), Severity::Low,
                                   QStringLiteral("r"), {QStringLiteral("ALSO-NOT")}},
                                  {QStringLiteral("E1"), QStringLiteral("web"), Severity::Low,
                                   QStringLiteral("r"), {QStringLiteral("RUN-01")}}};
        const QStringList problems = labelProblems(deployment, builtInCatalog());
        QCOMPARE(problems.size(), 3);
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("NO-SUCH-RULE")));
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("ALSO-NOT")));
        QVERIFY(problems.join(QLatin1Char('\n')).contains(QStringLiteral("E1 appears twice")));
    }

    void deployments_data()
    {
        QTest::addColumn<QString>("folder");
        const QStringList folders = corpusFolders();
        QVERIFY2(folders.size() >= 12, "the corpus needs at least 12 deployments");
        for (const QString &folder : folders)
            QTest::newRow(qPrintable(QFileInfo(folder).fileName())) << folder;
    }

    void deployments()
    {
        QFETCH(QString, folder);
        QString error;
        const auto deployment = loadDeployment(folder, error);
        QVERIFY2(deployment, qPrintable(error));
        const QStringList problems = labelProblems(*deployment, builtInCatalog());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n"))));
        const auto findings = findingsOf(*deployment, builtInCatalog(), error);
        QVERIFY2(findings, qPrintable(error));
        QVERIFY2(!findings->empty(), "a deployment of the corpus without a finding tests nothing");
        const Measures measures = measure(*deployment, *findings);
        QVERIFY2(measures.unclassified.empty(),
                 qPrintable(QStringLiteral("findings without a label in expert.json:\n")
                            + joined(measures.unclassified)));
        QVERIFY2(measures.validLost.empty(),
                 qPrintable(QStringLiteral("findings labelled VALID or UNKNOWN-OK that no "
                                           "longer fire:\n")
                            + joined(measures.validLost)));
    }

    /** The corpus as a whole against its floors; BULKHEAD_PRECISION_TABLE=FILE writes the table. */
    void corpusMeetsItsFloors()
    {
        QString error;
        const auto floors = loadFloors(error);
        QVERIFY2(floors, qPrintable(error));
        std::vector<std::pair<QString, Measures>> rows;
        Measures total;
        for (const QString &folder : corpusFolders()) {
            const auto deployment = loadDeployment(folder, error);
            QVERIFY2(deployment, qPrintable(error));
            const auto findings = findingsOf(*deployment, builtInCatalog(), error);
            QVERIFY2(findings, qPrintable(error));
            rows.emplace_back(deployment->name, measure(*deployment, *findings));
            total += rows.back().second;
        }
        rows.emplace_back(QStringLiteral("**all**"), total);
        const QString table = markdownTable(rows);
        if (const QByteArray path = qgetenv("BULKHEAD_PRECISION_TABLE"); !path.isEmpty()) {
            QFile out(QString::fromLocal8Bit(path));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(table.toUtf8());
            for (const QString &missed : total.missedItems)
                out.write(("- missed: " + missed + "\n").toUtf8());
        }
        const QString figures = QStringLiteral("\n") + table;
        QVERIFY2(total.precision() >= floors->precision, qPrintable(figures));
        QVERIFY2(total.recall() >= floors->recall, qPrintable(figures));
        QVERIFY2(total.calibration() >= floors->calibration, qPrintable(figures));
        QVERIFY2(total.severityShare(Severity::Low) >= floors->lowShareAtLeast,
                 qPrintable(figures));
        QVERIFY2(total.severityShare(Severity::Critical) <= floors->criticalShareAtMost,
                 qPrintable(figures));
    }

private:
    static QString joined(const std::vector<std::string> &lines)
    {
        QStringList list;
        for (const std::string &line : lines)
            list << QString::fromStdString(line);
        return list.join(QLatin1Char('\n'));
    }
};

QTEST_GUILESS_MAIN(TestPrecision)
#include "tst_precision.moc"
