// Model → Properties: the title, owner, reviewers and version reach the file and every report.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "document.h"
#include "export/pdfreport.h"
#include "mainwindow.h"
#include "modelpropertiesdialog.h"
#include "pdftools.h"
#include "report/analysisexport.h"
#include "report/htmlreport.h"
#include "report/markdownreport.h"
#include "report/reportmodel.h"

#include <QApplication>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <sstream>

using namespace bulkhead;
using namespace bulkhead::test;

namespace {

void fill(ModelPropertiesDialog &dialog, const char *field, const QString &text)
{
    if (auto *line = dialog.findChild<QLineEdit *>(QLatin1String(field)))
        line->setText(text);
    else if (auto *box = dialog.findChild<QPlainTextEdit *>(QLatin1String(field)))
        box->setPlainText(text);
    else
        QFAIL(field);
}

/** Fills the form as a user would and presses OK. */
void editProperties(Document &document)
{
    ModelPropertiesDialog dialog(&document);
    fill(dialog, "titleField", QStringLiteral("Payments platform"));
    fill(dialog, "descriptionField", QStringLiteral("Card payments, from the edge to the ledger."));
    fill(dialog, "ownerField", QStringLiteral("Payments team"));
    fill(dialog, "reviewersField", QStringLiteral("Ada Lovelace\n\n  Alan Turing  \n"));
    fill(dialog, "versionField", QStringLiteral("2026-03 review"));
    dialog.accept();
}

struct Reports
{
    QString markdown;
    QString html;
    QString json;
    QString pdfText;
    QString pdfInfo;
    QString pdfXmp;
};

QString run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qWarning("%s failed", qPrintable(program));
    return QString::fromUtf8(process.readAllStandardOutput());
}

Reports reportsOf(const ThreatModel &model, const QString &dir)
{
    const AnalysisResult result = analyzeModel(model, builtInCatalog());
    const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-03-01");
    Reports out;
    std::ostringstream md;
    writeMarkdownReport(md, report);
    out.markdown = QString::fromStdString(md.str());
    std::ostringstream html;
    writeHtmlReport(html, report, std::string());
    out.html = QString::fromStdString(html.str());
    out.json = QString::fromStdString(analysisToJson(result, model, builtInCatalog()));
    const QString pdf = dir + QStringLiteral("/report.pdf");
    QString error;
    if (!writePdfReport(pdf, report, model, builtInCatalog(), &error))
        qWarning("%s", qPrintable(error));
    out.pdfText = pdfText(pdf, 1, 1);
    out.pdfInfo = run(QStringLiteral("pdfinfo"), {pdf});
    out.pdfXmp = run(QStringLiteral("pdfinfo"), {QStringLiteral("-meta"), pdf});
    return out;
}

ThreatModel smallModel()
{
    ThreatModel model;
    model.addBoundary(Boundary{"h", "host", "Host", "", {}, {0, 0, 400, 300}});
    model.addElement(Element{"web", "container", "Web", "h", {}, {40, 60, 140, 70}});
    return model;
}

} // namespace

class TestModelProperties : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void okIsOneUndoableStep()
    {
        Document document(builtInCatalog());
        QVERIFY(document.loadModel(smallModel(), QString(), false));
        editProperties(document);
        const ModelMetadata &meta = document.model().metadata();
        QCOMPARE(meta.title, std::string("Payments platform"));
        QCOMPARE(meta.owner, std::string("Payments team"));
        QCOMPARE(meta.reviewers, (std::vector<std::string>{"Ada Lovelace", "Alan Turing"}));
        QCOMPARE(meta.version, std::string("2026-03 review"));
        QCOMPARE(document.undoStack()->count(), 1);
        QCOMPARE(document.undoStack()->undoText(), QStringLiteral("Edit model properties"));
        QVERIFY(document.isModified());

        document.undoStack()->undo();
        QCOMPARE(document.model().metadata(), ModelMetadata{});
        document.undoStack()->redo();
        QCOMPARE(document.model().metadata().title, std::string("Payments platform"));
    }

    void okWithoutAChangeAddsNoStep()
    {
        Document document(builtInCatalog());
        ModelPropertiesDialog dialog(&document);
        dialog.accept();
        QCOMPARE(document.undoStack()->count(), 0);
    }

    void savedAndReadBack()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.bulkhead.json"));
        Document document(builtInCatalog());
        QVERIFY(document.loadModel(smallModel(), QString(), false));
        editProperties(document);
        QString error;
        QVERIFY2(document.save(path, &error), qPrintable(error));
        Document reopened(builtInCatalog());
        QVERIFY2(reopened.load(path, &error), qPrintable(error));
        QCOMPARE(reopened.model().metadata(), document.model().metadata());
    }

    void everyReportShowsTheTitle()
    {
        QTemporaryDir dir;
        Document document(builtInCatalog());
        QVERIFY(document.loadModel(smallModel(), QString(), false));
        editProperties(document);
        const Reports reports = reportsOf(document.model(), dir.path());
        const QString title = QStringLiteral("Payments platform");
        QVERIFY(reports.markdown.contains(QStringLiteral("# Threat report: Payments platform")));
        QVERIFY(reports.markdown.contains(QStringLiteral("**Version:** 2026-03 review")));
        QVERIFY(reports.html.contains(QStringLiteral("<h1>") + title + QStringLiteral("</h1>")));
        QVERIFY(reports.html.contains(QStringLiteral("<dt>Version</dt><dd>2026-03 review</dd>")));
        QVERIFY2(reports.json.contains(QStringLiteral("\"title\":\"Payments platform\""))
                     || reports.json.contains(QStringLiteral("\"title\": \"Payments platform\"")),
                 qPrintable(reports.json.left(300)));
        QVERIFY2(reports.pdfText.contains(title), qPrintable(reports.pdfText));
        QVERIFY(reports.pdfText.contains(QStringLiteral("2026-03 review")));
        QVERIFY2(reports.pdfInfo.contains(QRegularExpression(QStringLiteral("Title:\\s+Payments platform\n"))),
                 qPrintable(reports.pdfInfo));
        QVERIFY2(reports.pdfXmp.contains(QStringLiteral("<rdf:li>Payments team</rdf:li>")),
                 qPrintable(reports.pdfXmp));
    }

    void untitledModelsShareOneDefaultTitle()
    {
        QTemporaryDir dir;
        const Reports reports = reportsOf(smallModel(), dir.path());
        const QString untitled = QStringLiteral("Untitled threat model");
        QVERIFY(reports.markdown.contains(QStringLiteral("# Threat report: ") + untitled));
        QVERIFY(reports.html.contains(QStringLiteral("<h1>") + untitled + QStringLiteral("</h1>")));
        QVERIFY(reports.json.contains(untitled));
        QVERIFY(reports.pdfText.contains(untitled));
        QVERIFY2(reports.pdfInfo.contains(QRegularExpression(QStringLiteral("Title:\\s+") + untitled + QLatin1Char('\n'))),
                 qPrintable(reports.pdfInfo));
        for (const QString &text : {reports.markdown, reports.html, reports.pdfText}) {
            QVERIFY(!text.contains(QStringLiteral("Untitled\n")));
            QVERIFY(!text.contains(QStringLiteral(">Threat model<")));
        }
    }

    void menuOpensTheDialog()
    {
        Document document(builtInCatalog());
        MainWindow window(&document);
        QAction *properties = nullptr;
        for (QAction *menu : window.menuBar()->actions())
            if (menu->text() == QStringLiteral("&Model"))
                for (QAction *action : menu->menu()->actions())
                    if (action->text().startsWith(QStringLiteral("&Properties")))
                        properties = action;
        QVERIFY(properties);
        bool shown = false;
        QTimer::singleShot(0, &window, [&shown] {
            auto *dialog = qobject_cast<ModelPropertiesDialog *>(QApplication::activeModalWidget());
            shown = dialog != nullptr;
            if (dialog)
                dialog->reject();
        });
        properties->trigger();
        QVERIFY(shown);
    }
};

QTEST_MAIN(TestModelProperties)
#include "tst_modelproperties.moc"
