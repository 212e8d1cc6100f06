// The editor and the PDF report under the budgets of core/limits.h: a model drawn outside the
// canvas's range is refused before the view sees it (it crashed QGraphicsView while it
// scrolled), the whole allowed range draws, and over-long text is elided in the PDF. Nothing
// here is timed; without elision the PDF case ran past the test's timeout.

#include "analysis/analysis.h"
#include "canvas/diagramview.h"
#include "catalog/catalog.h"
#include "core/limits.h"
#include "document.h"
#include "export/pdfreport.h"
#include "mainwindow.h"
#include "pdftools.h"
#include "report/reportmodel.h"
#include "testfiles.h"
#include "worstcases.h"

#include <QApplication>
#include <QProcess>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace bulkhead;

namespace {

QString budgetFile(const char *name)
{
    return test::dataPath(QStringLiteral("budgets/") + QLatin1String(name));
}

/** A model with an element in each corner of the drawing area, at the largest size allowed. */
ThreatModel cornersOfTheDrawingArea()
{
    const double edge = limits::maxCoordinate;
    ThreatModel model;
    const Rect corners[] = {{-edge, -edge, 140, 70}, {edge - 140, -edge, 140, 70}, {-edge, edge - 70, 140, 70},
                            {edge - 140, edge - 70, 140, 70}, {0, 0, edge, edge}};
    for (std::size_t i = 0; i < std::size(corners); ++i) {
        Element e;
        e.id = "corner-" + std::to_string(i);
        e.kind = "container";
        e.name = e.id;
        e.geometry = corners[i];
        model.addElement(std::move(e));
    }
    return model;
}

} // namespace

class TestEditorBudgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editorRefusesTheFileThatCrashedIt()
    {
        // The probe's file: one element at y = 0, another at y = -1e15.
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("window.png"));
        const QString far = budgetFile("far-coordinate.bulkhead.json");
        QProcess gui;
        gui.start(QStringLiteral(BULKHEAD_GUI_PATH), {QStringLiteral("--screenshot"), out, far});
        QVERIFY(gui.waitForFinished(120000));
        QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
        QCOMPARE(gui.exitCode(), 2);
        const QString error = QString::fromUtf8(gui.readAllStandardError());
        QVERIFY2(error.contains(far + QStringLiteral(":4:79: elements[1].geometry.y: -1e+15 is outside the drawing area")), qPrintable(error));
        QVERIFY(!QFile::exists(out));
    }

    void documentRefusesAModelOutsideTheDrawingArea()
    {
        Document document(builtInCatalog());
        document.loadModel(worstcase::manyElements(2, 1), QString(), false);
        QString error;
        QVERIFY(!document.loadModel(worstcase::farApart(-1e15), QString(), false, &error));
        QCOMPARE(error, QStringLiteral("element \"far\" (far) lies outside the drawing area (coordinates and sizes within ±10,000,000)"));
        QVERIFY(document.model().findElement("e0")); // unchanged
        QVERIFY(!document.model().findElement("far"));
        QVERIFY(document.loadModel(worstcase::farApart(-limits::maxCoordinate), QString(), false, &error));
    }

    void theWholeDrawingAreaScrollsAndCloses()
    {
        auto document = std::make_unique<Document>(builtInCatalog());
        auto window = std::make_unique<MainWindow>(document.get());
        window->resize(1200, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(document->loadModel(cornersOfTheDrawingArea(), QString(), false));
        DiagramView *view = window->view();
        view->fitToWindow();
        QApplication::processEvents();
        view->resetTransform(); // 100%: the scroll range spans the whole area
        for (QScrollBar *bar : {view->horizontalScrollBar(), view->verticalScrollBar()}) {
            for (const int value : {bar->minimum(), bar->maximum(), (bar->minimum() + bar->maximum()) / 2, bar->minimum()}) {
                bar->setValue(value);
                QApplication::processEvents();
            }
        }
        view->scale(4, 4);
        view->horizontalScrollBar()->setValue(view->horizontalScrollBar()->maximum());
        QApplication::processEvents();
        window.reset(); // the scene goes while the view may still scroll: the probe's crash
        document.reset();
    }

    void pdfReportRefusesAModelOutsideTheDrawingArea()
    {
        const ThreatModel model = worstcase::farApart(-1e15);
        const ReportData report = buildReport(model, builtInCatalog(), analyzeModel(model, builtInCatalog()), {}, "2026-01-01");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("far.pdf"));
        QString error;
        QVERIFY(!writePdfReport(path, report, model, builtInCatalog(), &error));
        QVERIFY2(error.startsWith(path + QStringLiteral(": cannot draw the diagram: element \"far\" (far) lies outside")), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void pdfReportElidesLongTexts()
    {
        // The probe: a 5 MB name or a 60 MB notes property kept the export running past 300 s.
        const ThreatModel model = worstcase::longTexts(5'000'000, 60'000'000);
        const ReportData report = buildReport(model, builtInCatalog(), analyzeModel(model, builtInCatalog()), {}, "2026-01-01");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long.pdf"));
        QString error;
        QVERIFY2(writePdfReport(path, report, model, builtInCatalog(), &error), qPrintable(error));
        QVERIFY(QFileInfo(path).size() < 5'000'000);
        const QString text = test::pdfText(path).remove(QLatin1Char('\n'));
        QVERIFY(text.contains(QStringLiteral("xxxxxxxxxx…")));
        QVERIFY(text.contains(QStringLiteral("nnnnnnnnnn…")));
        QVERIFY(!text.contains(QString(int(limits::maxReportTextLength) + 1, QLatin1Char('n'))));
    }
};

QTEST_MAIN(TestEditorBudgets)
#include "tst_editorbudgets.moc"
