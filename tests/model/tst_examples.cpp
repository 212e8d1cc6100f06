#include "analysis/analysis.h"
#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "io/modelreader.h"
#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <set>

using namespace bulkhead;

/** Every shipped example loads, describes itself and validates without a finding. */
class TestExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examples_data() { test::addExampleRows(); }

    void examples()
    {
        QFETCH(QString, path);
        const auto loaded = readModelFile(path.toStdString());
        QVERIFY2(loaded, loaded.error().c_str());
        const ThreatModel &model = loaded->model;
        QVERIFY(!model.metadata().title.empty());
        QVERIFY(model.metadata().description.size() > 80);
        QVERIFY(!model.elements().empty());
        QVERIFY(!model.flows().empty());
        std::string findings;
        for (const Diagnostic &d : validateModel(model, builtInCatalog()))
            findings += d.message + "\n";
        QVERIFY2(findings.empty(), findings.c_str());
        // Drawn examples: every element has a size and lies inside its boundaries.
        for (const Element &e : model.elements()) {
            QVERIFY2(e.geometry.width > 0 && e.geometry.height > 0, e.id.c_str());
            for (const Boundary *b : model.boundaryChain(e))
                QVERIFY2(b->geometry.contains(e.geometry), (e.id + " outside " + b->id).c_str());
        }
        // Real-world values, not an untouched stencil.
        std::size_t propertiesSet = 0;
        for (const Element &e : model.elements())
            propertiesSet += e.properties.size();
        QVERIFY(propertiesSet >= model.elements().size());

        // The threats the scenario is about fire.
        const AnalysisResult analysis = analyzeModel(model, builtInCatalog());
        QVERIFY(!analysis.threats.empty());
        const QString stem = QFileInfo(path).fileName().remove(QStringLiteral(".bulkhead.json"));
        QFile scenario(test::dataPath(QStringLiteral("example-scenarios/%1.json").arg(stem)));
        QVERIFY2(scenario.open(QIODevice::ReadOnly), qPrintable(scenario.fileName()));
        const QJsonObject expected = QJsonDocument::fromJson(scenario.readAll()).object();
        const QJsonArray mustFire = expected.value(QStringLiteral("mustFire")).toArray();
        QVERIFY(mustFire.size() >= 3);
        for (const QJsonValue &id : mustFire)
            QVERIFY2(analysis.findThreat(id.toString().toStdString()), qPrintable(id.toString()));
    }

    void everyArticleLabelFiresSomewhere()
    {
        // Each of the source article's 18 threats is found in at least one example, by a
        // threat whose primary STRIDE letter is the article's.
        std::set<std::string> fired;
        const QDir dir(test::sourcePath(QStringLiteral("examples")));
        const QStringList names = dir.entryList({QStringLiteral("*.bulkhead.json")});
        QVERIFY(names.size() >= 8);
        for (const QString &name : names) {
            const auto loaded = readModelFile(dir.filePath(name).toStdString());
            QVERIFY(loaded);
            for (const Threat &t : analyzeModel(loaded->model, builtInCatalog()).threats) {
                if (!t.rule)
                    continue;
                for (const std::string &label : t.rule->sourceRefs) {
                    if (t.rule->stride.find(label.front()) != std::string::npos)
                        fired.insert(label);
                }
            }
        }
        const std::set<std::string> article{"S1", "S2", "S3", "T1", "T2", "T3", "T4", "T5", "T6",
                                            "R1", "I1", "I2", "I3", "D1", "D2", "D3", "E1", "E2"};
        std::string missing;
        for (const std::string &label : article) {
            if (!fired.count(label))
                missing += label + " ";
        }
        QVERIFY2(missing.empty(), ("not fired by any example: " + missing).c_str());
    }
};

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
