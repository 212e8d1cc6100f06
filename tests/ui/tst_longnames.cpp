// A name far over the budgets, held in memory (a paste, the API): the canvas and the PDF's
// diagram page show it cut as the reports cut it (limits::maxReportNameLength), while the
// model keeps every character. Nothing here is timed; bench_budgets measures the PDF case.

#include "analysis/analysis.h"
#include "canvas/diagramscene.h"
#include "canvas/elementitem.h"
#include "catalog/catalog.h"
#include "core/limits.h"
#include "document.h"
#include "export/pdfreport.h"
#include "pdftools.h"
#include "report/reportmodel.h"
#include "worstcases.h"

#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace bulkhead;

namespace {

constexpr std::size_t hugeName = 5'000'000;

/** What a report shows of the huge name: its first characters, then "…". */
QString reportCut()
{
    return QString(qsizetype(limits::maxReportNameLength), QLatin1Char('x')) + QStringLiteral("…");
}

} // namespace

class TestLongNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canvasShowsAHugeNameCutAndTheModelKeepsIt()
    {
        Document document(builtInCatalog());
        QVERIFY(document.loadModel(worstcase::longTexts(hugeName, 1), QString(), false));
        DiagramScene scene(&document);
        const ElementItem *item = scene.elementItem(QStringLiteral("named"));
        QVERIFY(item);
        // The tooltip carries the whole name the item holds: the report's cut, not 5 MB.
        const QString tip = item->toolTip();
        QVERIFY2(tip.startsWith(reportCut() + QLatin1Char('\n')), qPrintable(tip.left(300)));
        QVERIFY2(tip.size() < 400, qPrintable(QString::number(tip.size())));
        QCOMPARE(document.model().findElement("named")->name.size(), hugeName);

        // And it paints, at full detail, with the name elided to the box: ink on the paper.
        const QRectF bounds = scene.diagramBounds();
        QImage image(bounds.size().toSize(), QImage::Format_ARGB32);
        image.fill(Qt::white);
        QPainter painter(&image);
        scene.render(&painter, QRectF(image.rect()), bounds);
        painter.end();
        QVERIFY(image != [&] {
            QImage blank(image.size(), image.format());
            blank.fill(Qt::white);
            return blank;
        }());
    }

    void pdfDiagramLabelOfAHugeNameIsCut()
    {
        const ThreatModel model = worstcase::longTexts(hugeName, 1);
        const ReportData report = buildReport(model, builtInCatalog(), analyzeModel(model, builtInCatalog()), {}, "2026-01-01");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("long-name.pdf"));
        QString error;
        const auto layout = writePdfReport(path, report, model, builtInCatalog(), &error);
        QVERIFY2(layout, qPrintable(error));
        // On the diagram page the name is one short word ending in "…", inside the diagram.
        const QVector<test::PdfWord> words = test::pdfWords(path, layout->diagramPage);
        const auto label = std::find_if(words.begin(), words.end(),
                                        [](const test::PdfWord &w) { return w.text.startsWith(QLatin1String("xxx")); });
        QVERIFY2(label != words.end(), "the element's name is not on the diagram page");
        QVERIFY2(label->text.endsWith(QStringLiteral("…")), qPrintable(label->text));
        QVERIFY2(label->text.size() <= int(limits::maxReportNameLength) + 1, qPrintable(QString::number(label->text.size())));
        QVERIFY(layout->diagramRect.adjusted(-1, -1, 1, 1).contains(label->box));
        // Nowhere in the PDF is more of the name than a report shows.
        const QString text = test::pdfText(path).remove(QLatin1Char('\n'));
        QVERIFY(!text.contains(QString(qsizetype(limits::maxReportNameLength) + 1, QLatin1Char('x'))));
    }
};

QTEST_MAIN(TestLongNames)
#include "tst_longnames.moc"
