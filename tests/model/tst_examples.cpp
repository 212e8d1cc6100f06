#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "io/modelreader.h"
#include "testfiles.h"

#include <QDir>
#include <QTest>

using namespace bulkhead;

/** Every shipped example loads, describes itself and validates without a finding. */
class TestExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examples_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(test::sourcePath(QStringLiteral("examples")));
        const QStringList names = dir.entryList({QStringLiteral("*.bulkhead.json")});
        QVERIFY(!names.isEmpty());
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

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
    }
};

QTEST_GUILESS_MAIN(TestExamples)
#include "tst_examples.moc"
