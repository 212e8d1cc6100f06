#pragma once

#include "core/result.h"
#include "io/textfile.h"

#include <string>

namespace bulkhead {
class Catalog;
class ThreatModel;
struct ReportData;
}

namespace bulkhead::cli {

/**
 * Writes the PDF report with the editor's own renderer. The CLI stays headless: Qt's GUI
 * machinery starts here, on the offscreen platform unless QT_QPA_PLATFORM says otherwise.
 */
Status writePdfReportFile(const std::string &path, const ReportData &report, const ThreatModel &model,
                          const Catalog &catalog, const SaveOptions &options);

} // namespace bulkhead::cli
