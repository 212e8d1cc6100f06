#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "document.h"
#include "layout/layoutengine.h"
#include "report/reportwriter.h"
#include "usecases/autolayout.h"
#include "usecases/deploymentimport.h"
#include "usecases/reportexport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace bulkhead;

namespace {

/** Answers with a fixed arrangement, or fails, and counts its calls. */
class FixedLayoutEngine : public LayoutEngine
{
public:
    explicit FixedLayoutEngine(Result<LayoutResult> answer) : m_answer(std::move(answer)) {}
    Result<LayoutResult> layout(const ThreatModel &) override
    {
        ++calls;
        return m_answer;
    }
    int calls = 0;

private:
    Result<LayoutResult> m_answer;
};

ThreatModel hostWithTwoElements()
{
    ThreatModel model;
    model.addBoundary(Boundary{"host", "host", "Host", "", {}, {0, 0, 400, 300}});
    model.addElement(Element{"web", "container", "Web", "host", {}, {20, 40, 140, 70}});
    model.addElement(Element{"db", "database", "DB", "host", {}, {220, 40, 140, 70}});
    model.addFlow(Flow{"f1", "queries", "web", "db", false, {}, {}});
    return model;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestUseCases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutMovesOnlyWhatTheLayoutPlacesElsewhere()
    {
        const ThreatModel model = hostWithTwoElements();
        LayoutResult layout;
        layout.boundaries["host"] = Rect{10, 10, 500, 300};
        layout.elements["web"] = Rect{20, 40, 140, 70}; // already there
        layout.elements["db"] = Rect{300, 60, 140, 70};
        layout.elements["gone"] = Rect{0, 0, 1, 1};
        const std::vector<ItemMove> moves = layoutMoves(model, layout);
        QCOMPARE(moves.size(), std::size_t(2));
        QCOMPARE(moves[0].id, QStringLiteral("host"));
        QCOMPARE(moves[1].id, QStringLiteral("db"));
        QVERIFY(moves[1].from == (Rect{220, 40, 140, 70}));
        QVERIFY(moves[1].to == (Rect{300, 60, 140, 70}));
        QCOMPARE(moves[1].oldContainer, QStringLiteral("host"));
        QCOMPARE(moves[1].newContainer, QStringLiteral("host"));
    }

    void autoLayoutIsOneUndoableStep()
    {
        Document document(builtInCatalog());
        QVERIFY(document.loadModel(hostWithTwoElements(), QString(), false));
        LayoutResult layout;
        layout.elements["web"] = Rect{500, 40, 140, 70};
        layout.elements["db"] = Rect{700, 40, 140, 70};
        FixedLayoutEngine engine{Result<LayoutResult>(layout)};
        QVERIFY(autoLayout(document, engine));
        QCOMPARE(engine.calls, 1);
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Auto-layout"));
        QVERIFY(document.model().findElement("db")->geometry == (Rect{700, 40, 140, 70}));
        document.undoStack()->undo();
        QVERIFY(document.model().findElement("db")->geometry == (Rect{220, 40, 140, 70}));
    }

    void aFailedLayoutChangesNothing()
    {
        Document document(builtInCatalog());
        QVERIFY(document.loadModel(hostWithTwoElements(), QString(), false));
        FixedLayoutEngine engine{Result<LayoutResult>::failure("dot: not found")};
        const Status arranged = autoLayout(document, engine);
        QVERIFY(!arranged);
        QCOMPARE(arranged.error(), std::string("dot: not found"));
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void composeOverridesComeAfterTheirBaseFiles()
    {
        const QStringList chosen{QStringLiteral("/p/compose.override.yml"), QStringLiteral("/p/b.yml"),
                                 QStringLiteral("/p/x-override.yaml"), QStringLiteral("/p/a.yml")};
        QCOMPARE(composeMergeOrder(chosen),
                 (QStringList{QStringLiteral("/p/b.yml"), QStringLiteral("/p/a.yml"),
                              QStringLiteral("/p/compose.override.yml"), QStringLiteral("/p/x-override.yaml")}));
    }

    void importSummaryNamesCountsAndFiles()
    {
        QCOMPARE(importSummary(hostWithTwoElements(), {QStringLiteral("/p/compose.yml"), QStringLiteral("b.yml")}),
                 QStringLiteral("Imported 2 elements, 1 boundaries and 1 flows from compose.yml, b.yml (merged "
                                "in that order). The model is not saved yet."));
    }

    void exportNamesTheDocumentsFileInSarif()
    {
        QTemporaryDir dir;
        Document document(builtInCatalog());
        QVERIFY(document.loadModel(hostWithTwoElements(), QString(), false));
        const AnalysisResult result = analyzeModel(document.model(), document.catalog());
        const QString unsaved = dir.filePath(QStringLiteral("unsaved.sarif"));
        QVERIFY(exportDocumentReport(document, result, unsaved, ReportFormat::Sarif, {}));
        QVERIFY(readAll(unsaved).contains("\"model.bulkhead.json\""));

        const QString modelPath = dir.filePath(QStringLiteral("shop.bulkhead.json"));
        QString error;
        QVERIFY2(document.save(modelPath, &error), qPrintable(error));
        const QString saved = dir.filePath(QStringLiteral("saved.sarif"));
        QVERIFY(exportDocumentReport(document, result, saved, ReportFormat::Sarif, {}));
        QVERIFY(readAll(saved).contains("shop.bulkhead.json"));
        QVERIFY(!readAll(saved).contains("\"model.bulkhead.json\""));
    }

    void exportErrorsNameThePath()
    {
        QTemporaryDir dir;
        Document document(builtInCatalog());
        const AnalysisResult result = analyzeModel(document.model(), document.catalog());
        for (const ReportFormat format : {ReportFormat::Html, ReportFormat::Pdf}) {
            const Status written = exportDocumentReport(document, result, dir.path(), format, {});
            QVERIFY(!written);
            QVERIFY2(QString::fromStdString(written.error()).contains(dir.path()), written.error().c_str());
        }
    }
};

QTEST_MAIN(TestUseCases)
#include "tst_usecases.moc"
