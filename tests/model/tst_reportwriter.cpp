#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "report/analysisexport.h"
#include "report/reportwriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace bulkhead;

namespace {

ThreatModel twoContainers()
{
    ThreatModel model;
    model.addElement(Element{"web", "container", "Web", "", {{"privileged", true}}, {0, 0, 140, 70}});
    model.addElement(Element{"db", "database", "DB", "", {}, {200, 0, 140, 70}});
    model.addFlow(Flow{"f1", "queries", "web", "db", false, {}, {}});
    return model;
}

std::string fileText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

class TestReportWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatKeysRoundTrip()
    {
        for (const ReportFormat format : {ReportFormat::Html, ReportFormat::Markdown, ReportFormat::Csv,
                                          ReportFormat::Json, ReportFormat::Sarif, ReportFormat::Pdf})
            QCOMPARE(reportFormatFromKey(reportFormatKey(format)), std::optional(format));
        QCOMPARE(reportFormatFromKey("markdown"), std::nullopt);
        QCOMPARE(reportFormatFromKey(""), std::nullopt);
    }

    void suffixesNameFormats_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("format");
        QTest::newRow("html") << "r.html" << int(ReportFormat::Html);
        QTest::newRow("htm upper") << "R.HTM" << int(ReportFormat::Html);
        QTest::newRow("markdown") << "r.markdown" << int(ReportFormat::Markdown);
        QTest::newRow("sarif.json is sarif") << "r.sarif.json" << int(ReportFormat::Sarif);
        QTest::newRow("json") << "r.json" << int(ReportFormat::Json);
        QTest::newRow("pdf") << "dir.html/r.Pdf" << int(ReportFormat::Pdf);
        QTest::newRow("none") << "report.txt" << -1;
        QTest::newRow("bare suffix word") << "html" << -1;
    }
    void suffixesNameFormats()
    {
        QFETCH(QString, path);
        QFETCH(int, format);
        const auto found = reportFormatFromSuffix(path.toStdString());
        QCOMPARE(found ? int(*found) : -1, format);
    }

    void onlyDocumentsAreShapedByOptions()
    {
        QVERIFY(isDocumentReport(ReportFormat::Html));
        QVERIFY(isDocumentReport(ReportFormat::Markdown));
        QVERIFY(isDocumentReport(ReportFormat::Pdf));
        QVERIFY(!isDocumentReport(ReportFormat::Csv));
        QVERIFY(!isDocumentReport(ReportFormat::Json));
        QVERIFY(!isDocumentReport(ReportFormat::Sarif));
    }

    void writesWhatTheFormatsWriterWrites()
    {
        QTemporaryDir dir;
        const ThreatModel model = twoContainers();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const std::string path = dir.filePath(QStringLiteral("out.sarif")).toStdString();
        ReportRequest request;
        request.format = ReportFormat::Sarif;
        request.sourceName = "models/shop.bulkhead.json";
        QVERIFY(writeReport(path, request, model, builtInCatalog(), result));
        std::ostringstream expected;
        writeAnalysisSarif(expected, result, model, builtInCatalog(), request.sourceName);
        QCOMPARE(fileText(path), expected.str());
    }

    void pdfGoesToTheWriterGiven()
    {
        QTemporaryDir dir;
        const ThreatModel model = twoContainers();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const std::string path = dir.filePath(QStringLiteral("out.pdf")).toStdString();
        ReportRequest request;
        request.format = ReportFormat::Pdf;
        request.options.includeMitigated = false;
        request.date = "2024-02-29";
        SaveOptions save;
        save.replaceReadOnly = true;

        const Status refused = writeReport(path, request, model, builtInCatalog(), result, save);
        QVERIFY(!refused);
        QVERIFY(refused.error().find(path) != std::string::npos);

        std::string seenPath;
        std::string seenDate;
        bool seenReplace = false;
        auto pdf = [&](const std::string &p, const ReportData &report, const ThreatModel &m, const Catalog &,
                       const SaveOptions &options) {
            seenPath = p;
            seenDate = report.cover.date;
            seenReplace = options.replaceReadOnly && &m == &model;
            return Status::failure("drawn elsewhere");
        };
        const Status drawn = writeReport(path, request, model, builtInCatalog(), result, save, pdf);
        QCOMPARE(drawn.error(), std::string("drawn elsewhere"));
        QCOMPARE(seenPath, path);
        QCOMPARE(seenDate, std::string("2024-02-29"));
        QVERIFY(seenReplace);
    }

    void aDirectoryIsRefusedNamingIt()
    {
        QTemporaryDir dir;
        const ThreatModel model = twoContainers();
        const AnalysisResult result = analyzeModel(model, builtInCatalog());
        const std::string path = dir.path().toStdString();
        const Status written = writeReport(path, ReportRequest{}, model, builtInCatalog(), result);
        QVERIFY(!written);
        QVERIFY(written.error().find(path) != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestReportWriter)
#include "tst_reportwriter.moc"
