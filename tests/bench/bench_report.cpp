// How long a report of about 1,000 threats takes: HTML (target ≤ 1 s) and PDF (target ≤ 10 s),
// from the analysed model to the file on disk, the report model built inside each timing.
// Usage: bench_report [THREATS]  (default 1000). Run with QT_QPA_PLATFORM=offscreen.

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "export/pdfreport.h"
#include "report/diagramsvg.h"
#include "report/htmlreport.h"
#include "report/reportmodel.h"
#include "syntheticdeployment.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>
#include <fstream>

using namespace bulkhead;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const std::size_t wanted = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000;
    // The smallest synthetic deployment with at least that many threats.
    std::size_t elements = 8;
    ThreatModel model;
    AnalysisResult result;
    for (;; elements += 2) {
        model = bench::makeSyntheticDeployment(elements);
        result = analyzeModel(model, builtInCatalog());
        if (result.threats.size() >= wanted)
            break;
    }
    std::printf("model: %zu elements, %zu flows, %zu threats\n", model.elements().size(), model.flows().size(),
                result.threats.size());
    QTemporaryDir dir;
    QElapsedTimer timer;

    for (int run = 0; run < 3; ++run) {
        const std::string html = dir.filePath(QStringLiteral("report.html")).toStdString();
        timer.start();
        {
            const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-15");
            std::ofstream out(html, std::ios::binary);
            writeHtmlReport(out, report, diagramToSvg(model, builtInCatalog()));
        }
        const double htmlMs = timer.nsecsElapsed() / 1e6;

        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        timer.start();
        QString error;
        const ReportData report = buildReport(model, builtInCatalog(), result, {}, "2026-01-15");
        const auto layout = writePdfReport(pdf, report, model, builtInCatalog(), &error);
        const double pdfMs = timer.nsecsElapsed() / 1e6;
        if (!layout) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        std::printf("run %d: HTML %.0f ms (%lld KiB), PDF %.0f ms (%d pages, %lld KiB)\n", run + 1, htmlMs,
                    QFileInfo(QString::fromStdString(html)).size() / 1024, pdfMs, layout->pageCount,
                    QFileInfo(pdf).size() / 1024);
    }
    return 0;
}
