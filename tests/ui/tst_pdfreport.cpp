// The PDF report read back with Poppler: its text, its pages, and where the diagram landed.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "export/pdfreport.h"
#include "io/modelreader.h"
#include "pdftools.h"
#include "report/reportmodel.h"
#include "testfiles.h"

#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

ThreatModel loadExample(const QString &name)
{
    auto loaded = readModelFile(sourcePath(QStringLiteral("examples/") + name).toStdString());
    if (!loaded)
        qFatal("%s", loaded.error().c_str());
    return std::move(loaded->model);
}

/** Containers named n00, n01, … laid out `columns` wide, each talking to the next. */
ThreatModel gridModel(int count, int columns)
{
    ThreatModel model;
    model.metadata().title = "Grid";
    for (int i = 0; i < count; ++i) {
        Element e;
        e.id = "e" + std::to_string(i);
        e.kind = "container";
        e.name = QStringLiteral("n%1").arg(i, 2, 10, QLatin1Char('0')).toStdString();
        e.geometry = {double(i % columns) * 220, double(i / columns) * 160, 140, 70};
        model.insertElement(model.elements().size(), e);
        if (i > 0) {
            Flow f;
            f.id = "f" + std::to_string(i);
            f.source = "e" + std::to_string(i - 1);
            f.target = e.id;
            f.name = "calls";
            model.insertFlow(model.flows().size(), f);
        }
    }
    return model;
}

/** Everything pdftotext reads, without the spaces and hyphens it adds where a cell wraps. */
QString flattened(QString text)
{
    static const QRegularExpression spacing(QStringLiteral("[\\s-]"));
    return text.remove(spacing);
}


/** Every word of the report's own text, and each id with its parts between `@` and `-`. */
QSet<QString> vocabulary(const ReportData &report)
{
    QSet<QString> words;
    auto add = [&words](const std::string &text) {
        for (const QString &word : QString::fromStdString(text).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            words.insert(word);
    };
    for (const ReportThreat &t : report.threats) {
        for (const std::string &text : {t.id, t.title, t.subjectName, t.subjectKind, t.explanation,
                                        std::string(threatStatusTitle(t.status))})
            add(text);
        for (const ReportMitigation &m : t.mitigations)
            add(m.title);
    }
    for (const DefenseLayerReport &layer : report.layers)
        add(layer.title);
    words.insert(QStringLiteral("confirmation"));
    return words;
}

/** The words of every page after the cover and the diagram, in reading order, without the zero-width spaces that mark break opportunities. */
QVector<QVector<PdfWord>> flowPageWords(const QString &path, int pageCount)
{
    QVector<QVector<PdfWord>> pages;
    for (int page = 3; page <= pageCount; ++page) {
        QVector<PdfWord> words = pdfWords(path, page);
        for (PdfWord &word : words)
            word.text.remove(QChar(0x200B));
        pages.append(words);
    }
    return pages;
}

/** The lines of a page's body (between running header and footer), top to bottom, as text. */
QStringList bodyLines(const QVector<PdfWord> &words, qreal pageHeight)
{
    QMap<int, QStringList> lines;
    for (const PdfWord &word : words) {
        if (word.box.top() < 40 || word.box.bottom() > pageHeight - 36)
            continue;
        lines[qRound(word.box.bottom())] << word.text;
    }
    QStringList out;
    for (const QStringList &line : std::as_const(lines))
        out << line.join(QLatin1Char(' '));
    return out;
}

} // namespace

class TestPdfReport : public QObject
{
    Q_OBJECT

    struct Written
    {
        ReportData report;
        PdfReportLayout layout;
    };

    Written write(const ThreatModel &model, const QString &path, ReportOptions options = {})
    {
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        Written written{buildReport(model, builtInCatalog(), result, options, "2026-03-01"), {}};
        QString error;
        const auto layout = writePdfReport(path, written.report, model, builtInCatalog(), &error);
        if (!layout)
            QTest::qFail(qPrintable(error), __FILE__, __LINE__);
        else
            written.layout = *layout;
        return written;
    }

private Q_SLOTS:
    void everyThreatIdAndSectionIsSelectableText()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("k8s.pdf"));
        const Written written = write(loadExample(QStringLiteral("kubernetes-production.bulkhead.json")), path);
        QVERIFY(!written.report.threats.empty());
        const QString text = flattened(pdfText(path));
        for (const ReportThreat &t : written.report.threats)
            QVERIFY2(text.contains(flattened(QString::fromStdString(t.id))), t.id.c_str());
        for (const char *heading : {"Executivesummary", "Dataflowdiagram", "Toprisks", "STRIDEperelement", "Threats",
                                    "Defenseindepthmitigationreport", "Needsconfirmation", "Appendix:elements", "References"})
            QVERIFY2(text.contains(QLatin1String(heading)), heading);
        // Every layer of the defense-in-depth report, in DESIGN order.
        qsizetype at = text.indexOf(QLatin1String("Defenseindepthmitigationreport"));
        for (const DefenseLayerReport &layer : written.report.layers) {
            const qsizetype next = text.indexOf(flattened(QString::fromStdString(layer.title)), at);
            QVERIFY2(next > at, layer.title.c_str());
            at = next;
        }
    }

    void unconfirmedSeveritiesReadUpTo()
    {
        // compose-web-app: RUN-16@nginx rests on appSecurityTested = unknown (capped at high),
        // HOST-10@dockerd on an unknown host property (low); IMG-01@nginx is definite.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("compose.pdf"));
        const Written written = write(loadExample(QStringLiteral("compose-web-app.bulkhead.json")), path);
        int upTo = 0;
        for (const ReportThreat &t : written.report.threats)
            upTo += t.severityUpTo ? 1 : 0;
        QVERIFY(upTo > 0);
        const QString text = flattened(pdfText(path));
        // The cell may wrap after the arrow (the residual then reads on the next line, which
        // text extraction interleaves with the next column), never inside "up to High".
        QVERIFY2(text.contains(QStringLiteral("uptoHigh\u2192")), qPrintable(text.left(400)));
        QVERIFY(text.contains(QStringLiteral("uptoLow\u2192")));
        QVERIFY(text.contains(QStringLiteral("Critical\u2192Critical")));
        QVERIFY(!text.contains(QStringLiteral("uptoCritical")));
    }

    void pageCountMatchesTheContent()
    {
        QTemporaryDir dir;
        const ThreatModel model = loadExample(QStringLiteral("kubernetes-production.bulkhead.json"));
        const QString full = dir.filePath(QStringLiteral("full.pdf"));
        const Written written = write(model, full);
        const QVector<QSizeF> pages = pdfPageSizes(full);
        QCOMPARE(pages.size(), written.layout.pageCount);
        // Each page says which it is, out of how many (pdftotext ends every page with a form feed).
        const QStringList pageTexts = pdfText(full).split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QCOMPARE(pageTexts.size(), pages.size());
        for (int p = 1; p <= pages.size(); ++p)
            QVERIFY2(pageTexts[p - 1].contains(QStringLiteral("Page %1 of %2").arg(p).arg(pages.size())),
                     qPrintable(QString::number(p)));
        // More content, more pages: a model twice as large needs more of them.
        ThreatModel doubled = model;
        for (const Element &e : model.elements()) {
            Element copy = e;
            copy.id += "-copy";
            copy.boundary.clear();
            doubled.insertElement(doubled.elements().size(), copy);
        }
        const QString larger = dir.filePath(QStringLiteral("larger.pdf"));
        const Written more = write(doubled, larger);
        QVERIFY2(more.layout.pageCount > written.layout.pageCount,
                 qPrintable(QStringLiteral("%1 vs %2").arg(more.layout.pageCount).arg(written.layout.pageCount)));
        QCOMPARE(pdfPageSizes(larger).size(), more.layout.pageCount);
    }

    void diagramPageShowsTheWholeDiagram_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("columns");
        QTest::newRow("wide") << 40 << 40;   // 8,700 points wide: must shrink to the page width
        QTest::newRow("tall") << 40 << 1;    // 6,300 points tall: must shrink to the page height
        QTest::newRow("small") << 3 << 3;    // fits as it is
    }

    void diagramPageShowsTheWholeDiagram()
    {
        QFETCH(int, count);
        QFETCH(int, columns);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("grid.pdf"));
        const Written written = write(gridModel(count, columns), path);
        const PdfReportLayout &layout = written.layout;

        // Its own landscape page.
        const QVector<QSizeF> pages = pdfPageSizes(path);
        QVERIFY(layout.diagramPage >= 1 && layout.diagramPage <= pages.size());
        const QSizeF page = pages[layout.diagramPage - 1];
        QVERIFY2(page.width() > page.height(), "the diagram page is landscape");
        for (int p = 0; p < pages.size(); ++p)
            QVERIFY(p + 1 == layout.diagramPage || pages[p].width() < pages[p].height());
        QCOMPARE(layout.diagramPageSize.toSize(), page.toSize());

        // The drawn rectangle lies inside the page, clear of its edges.
        const QRectF pageRect(QPointF(0, 0), page);
        QVERIFY2(pageRect.adjusted(20, 20, -20, -20).contains(layout.diagramRect),
                 qPrintable(QStringLiteral("%1,%2 %3x%4").arg(layout.diagramRect.x()).arg(layout.diagramRect.y())
                                .arg(layout.diagramRect.width()).arg(layout.diagramRect.height())));
        // Fitted, not cropped or squashed: the long side of a big diagram fills its room.
        if (count > 3)
            QVERIFY(layout.diagramRect.width() > page.width() * 0.8 || layout.diagramRect.height() > page.height() * 0.6);

        // And what the PDF really shows: every element's name, each inside that rectangle.
        QSizeF wordsPage;
        const QVector<PdfWord> words = pdfWords(path, layout.diagramPage, &wordsPage);
        QCOMPARE(wordsPage.toSize(), page.toSize());
        for (int i = 0; i < count; ++i) {
            const QString name = QStringLiteral("n%1").arg(i, 2, 10, QLatin1Char('0'));
            auto word = std::find_if(words.begin(), words.end(), [&](const PdfWord &w) { return w.text == name; });
            if (word == words.end()) {
                QStringList seen;
                for (const PdfWord &w : words)
                    seen << w.text;
                QFAIL(qPrintable(name + QStringLiteral(" is not on the diagram page, which reads: ") + seen.join(QLatin1Char(' '))));
            }
            QVERIFY2(layout.diagramRect.adjusted(-1, -1, 1, 1).contains(word->box), qPrintable(name));
            QVERIFY2(pageRect.contains(word->box), qPrintable(name));
        }
    }


    void noWordIsBrokenAcrossLines_data()
    {
        QTest::addColumn<QString>("example");
        QTest::newRow("compose") << QStringLiteral("compose-web-app.bulkhead.json");
        QTest::newRow("kubernetes") << QStringLiteral("kubernetes-production.bulkhead.json");
    }

    void noWordIsBrokenAcrossLines()
    {
        // "Mitigate d", "confirmati on", "IMG-01@contain er-2": a word of the report that a
        // table cell wrapped in the middle reads as two words on consecutive lines.
        QFETCH(QString, example);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        const Written written = write(loadExample(example), path);
        const QSet<QString> words = vocabulary(written.report);
        int checked = 0;
        for (const QVector<PdfWord> &page : flowPageWords(path, written.layout.pageCount)) {
            for (qsizetype i = 0; i + 1 < page.size(); ++i) {
                const PdfWord &a = page[i];
                const PdfWord &b = page[i + 1];
                if (b.box.top() < a.box.bottom() - 1 || b.box.top() > a.box.bottom() + 12)
                    continue; // not the next line
                ++checked;
                const bool atSeparator = a.text.endsWith(QLatin1Char('@')) || a.text.endsWith(QLatin1Char('-'))
                                         || a.text.endsWith(QLatin1Char('/'));
                QVERIFY2(atSeparator || !words.contains(a.text + b.text) || words.contains(a.text),
                         qPrintable(QStringLiteral("\"%1\" is broken as \"%2\" / \"%3\"").arg(a.text + b.text, a.text, b.text)));
            }
        }
        QVERIFY(checked > 100);
    }

    void headingsStayWithWhatTheyIntroduce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        const Written written = write(loadExample(QStringLiteral("kubernetes-production.bulkhead.json")), path);
        QSet<QString> headings = {QStringLiteral("Top risks"), QStringLiteral("STRIDE per element"),
                                  QStringLiteral("Threats"), QStringLiteral("Needs confirmation"),
                                  QStringLiteral("References"), QStringLiteral("Appendix: elements"),
                                  QStringLiteral("Defense-in-depth mitigation report")};
        for (const DefenseLayerReport &layer : written.report.layers)
            headings.insert(QString::fromStdString(layer.title));
        const QVector<QSizeF> sizes = pdfPageSizes(path);
        const auto pages = flowPageWords(path, written.layout.pageCount);
        for (qsizetype p = 0; p + 1 < pages.size(); ++p) {
            const QStringList lines = bodyLines(pages[p], sizes[p + 2].height());
            QVERIFY(!lines.isEmpty());
            QVERIFY2(!headings.contains(lines.last()),
                     qPrintable(QStringLiteral("page %1 ends with the heading \"%2\"").arg(p + 3).arg(lines.last())));
        }
    }

    void shortSectionsSharePages()
    {
        // The ten top risks and a small STRIDE matrix each took a page of their own, and the
        // references a line each.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("report.pdf"));
        const Written written = write(loadExample(QStringLiteral("compose-web-app.bulkhead.json")), path);
        const QString firstFlowPage = pdfText(path, 3, 3);
        QVERIFY2(firstFlowPage.contains(QStringLiteral("Top risks")) && firstFlowPage.contains(QStringLiteral("STRIDE per element")),
                 qPrintable(firstFlowPage.left(600)));
        // Two references to a line, and references without an address grouped by their source.
        const qsizetype references = qsizetype(written.report.references.size());
        QVERIFY(references > 20);
        QProcess layout;
        layout.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QVERIFY(layout.waitForFinished(60000));
        const QString text = QString::fromUtf8(layout.readAllStandardOutput());
        const qsizetype start = text.lastIndexOf(QStringLiteral("\nReferences\n"));
        QVERIFY(start > 0);
        qsizetype lines = 0;
        for (const QString &line : text.mid(start + 12).split(QLatin1Char('\n')))
            lines += line.trimmed().isEmpty() || line.contains(QStringLiteral("Page ")) || line.contains(QStringLiteral("Threat model report")) ? 0 : 1;
        QVERIFY2(lines < references, qPrintable(QStringLiteral("%1 lines for %2 references").arg(lines).arg(references)));
    }

    void pageSizeAndOptions()
    {
        QTemporaryDir dir;
        ThreatModel model = loadExample(QStringLiteral("kubernetes-production.bulkhead.json"));
        ReportOptions letter;
        letter.pageSize = "Letter";
        const QString path = dir.filePath(QStringLiteral("letter.pdf"));
        write(model, path, letter);
        const QVector<QSizeF> pages = pdfPageSizes(path);
        QVERIFY(!pages.isEmpty());
        QCOMPARE(pages.first().toSize(), QSize(612, 792));

        // Threats marked not applicable leave the tables when the option says so.
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        QVERIFY(!result.threats.empty());
        const std::string dropped = result.threats.front().id();
        RegisterEntry entry;
        entry.threat = dropped;
        entry.status = ThreatStatus::NotApplicable;
        entry.justification = "Handled by the platform team";
        model.setRegisterEntry(entry);
        ReportOptions without;
        without.includeNotApplicable = false;
        const QString filtered = dir.filePath(QStringLiteral("filtered.pdf"));
        write(model, filtered, without);
        const QString withAll = dir.filePath(QStringLiteral("all.pdf"));
        write(model, withAll);
        // simplified(): a cell may wrap the justification onto a second line.
        QVERIFY(pdfText(withAll).simplified().contains(QStringLiteral("Handled by the platform team")));
        QVERIFY(!pdfText(filtered).simplified().contains(QStringLiteral("Handled by the platform team")));
    }

    void hostileNamesAreText()
    {
        ThreatModel model = gridModel(2, 2);
        model.metadata().title = "<b>Bold</b> & <i>co</i>";
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hostile.pdf"));
        write(model, path);
        const QString text = pdfText(path);
        QVERIFY2(text.contains(QStringLiteral("<b>Bold</b> & <i>co</i>")), qPrintable(text.left(400)));
    }

    void unwritablePathIsAClearError()
    {
        const ThreatModel model = gridModel(2, 2);
        const ReportData report = buildReport(model, builtInCatalog(), analyzeModel(model, builtInCatalog()), {}, "2026-03-01");
        QString error;
        const QString path = QStringLiteral("/nonexistent-folder/report.pdf");
        QVERIFY(!writePdfReport(path, report, model, builtInCatalog(), &error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }
};

QTEST_MAIN(TestPdfReport)
#include "tst_pdfreport.moc"
