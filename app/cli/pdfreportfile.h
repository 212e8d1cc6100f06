#pragma once

#include "core/result.h"
#include "io/textfile.h"

#include <string>

namespace bulkhead {
class Catalog;
class ThreatModel;
struct ReportData;
} // namespace bulkhead

namespace bulkhead::cli {

/**
 * Writes the PDF report with the editor's own renderer: the CLI's PdfReportWriter for the
 * report façade (report/reportwriter.h). The CLI stays headless: Qt's GUI machinery starts
 * here, on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
 */
Status writeHeadlessPdfReport(const std::string &path, const ReportData &report,
                              const ThreatModel &model, const Catalog &catalog,
                              const SaveOptions &options);

} // namespace bulkhead::cli
